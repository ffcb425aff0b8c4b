"""On PostgreSQL the rate limit's counters live in an UNLOGGED table.

Every sign-up bumps a counter in its own short transaction. A logged table makes that commit
wait for the write-ahead log to reach the disk, about as long as the rest of the request's
queries; an unlogged one does not. After a crash PostgreSQL empties the table, which for
counters of a few minutes means only that clients start their window afresh. SQLite has no such
tables and keeps the table as it is.
"""

from django.db import migrations

TABLE = "registrations_ratelimithit"


def set_unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(TABLE)} SET UNLOGGED")


def set_logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(TABLE)} SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("registrations", "0002_rate_limit_hits")]

    operations = [migrations.RunPython(set_unlogged, set_logged, elidable=False)]
