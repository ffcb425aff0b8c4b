"""The stored export files of published results (results/exports/store.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimakreise.editions.models import Edition


class ExportFile(models.Model):
    """One export format, in one language, of one published version of an edition's results.

    The row is inserted before the file is built and claims the build (the unique constraint lets
    only one process insert it); `built_at` stays empty until the file is written.
    """

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF report")
        HTML = "html", _("HTML file")
        MARKDOWN = "markdown", _("Markdown")
        WORDPRESS = "wordpress", _("WordPress blocks")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="export_files")
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    language = models.CharField(_("language"), max_length=10)  # headings and labels differ
    # The published version of the results the file shows (store.version_key).
    version = models.CharField(_("version"), max_length=80)
    path = models.CharField(_("file"), max_length=300, blank=True)  # below KLIMAKREISE_EXPORT_DIR
    claimed_at = models.DateTimeField(_("build started"))
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("export file")
        verbose_name_plural = _("export files")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "format", "language", "version"],
                name="exportfile_one_per_version",
            )
        ]

    def __str__(self):
        return f"{self.edition_id} {self.format} {self.language} {self.version}"
