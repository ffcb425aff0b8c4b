"""JobRun moves from outbox to core with the job scheduler (issue 12); the table stays."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="JobRun",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="job")),
                        ("next_run_at", models.DateTimeField(verbose_name="next run")),
                        ("last_started_at", models.DateTimeField(blank=True, null=True, verbose_name="last started")),
                        ("last_finished_at", models.DateTimeField(blank=True, null=True, verbose_name="last finished")),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                    ],
                    options={
                        "verbose_name": "scheduled job",
                        "verbose_name_plural": "scheduled jobs",
                        "ordering": ["name"],
                        "db_table": "outbox_jobrun",
                        "constraints": [models.UniqueConstraint(fields=("name",), name="outbox_job_name_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
