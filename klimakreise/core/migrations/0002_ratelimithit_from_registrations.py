"""RateLimitHit moves from registrations to core, so export builds can be limited too (issue
13); the table (unlogged on PostgreSQL) stays."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_jobrun_from_outbox"),
        ("registrations", "0003_rate_limit_hits_unlogged"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitHit",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("client", models.CharField(max_length=40)),
                        ("window_end", models.BigIntegerField()),
                        ("hits", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "registrations_ratelimithit",
                        "indexes": [models.Index(fields=["window_end"], name="ratelimit_window_end")],
                        "constraints": [models.UniqueConstraint(fields=("client", "window_end"), name="ratelimit_one_row_per_client_window")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
