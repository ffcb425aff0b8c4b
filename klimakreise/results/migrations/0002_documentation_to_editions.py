"""The Documentation model now belongs to editions (issue 12); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0001_initial"),
        ("editions", "0004_documentation_from_results"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Documentation")],
            database_operations=[],
        ),
    ]
