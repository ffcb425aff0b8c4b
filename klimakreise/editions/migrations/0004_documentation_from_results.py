"""The Documentation model moves from results to editions (issue 12): its table stays where it
is, only Django's idea of which app owns it changes."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0003_talk_speaker_checked_by_form"),
        ("results", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Documentation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("status", models.CharField(choices=[("draft", "draft"), ("published", "published")], default="draft", max_length=20, verbose_name="status")),
                        ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published at")),
                        ("updated_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="updated at")),
                        ("participant_count", models.PositiveIntegerField(blank=True, help_text="Leave empty to count the confirmed registrations.", null=True, verbose_name="number of participants")),
                        ("outlook", models.TextField(blank=True, verbose_name="outlook (Markdown)")),
                        ("next_date", models.DateField(blank=True, null=True, verbose_name="date of the next edition")),
                        ("version", models.PositiveIntegerField(default=1)),
                        ("edition", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="documentation", to="editions.edition")),
                    ],
                    options={
                        "verbose_name": "documentation",
                        "verbose_name_plural": "documentations",
                        "db_table": "results_documentation",
                        "constraints": [models.CheckConstraint(condition=models.Q(("status", "draft"), ("published_at__isnull", False), _connector="OR"), name="documentation_published_has_date")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
