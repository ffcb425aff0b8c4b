"""RateLimitHit now belongs to core (issue 13); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0003_rate_limit_hits_unlogged"),
        ("core", "0002_ratelimithit_from_registrations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitHit")],
            database_operations=[],
        ),
    ]
