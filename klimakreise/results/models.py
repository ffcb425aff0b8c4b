from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Documentation(models.Model):
    """The published documentation of an edition: its state and what organizers add by hand.

    The results themselves (cards, notes, slides) live with the circles; this row decides whether
    and since when the public may see them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="documentation"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Moves on every change of the results; shown as "updated on" once later than published_at.
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    participant_count = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count the confirmed registrations."),
    )
    outlook = models.TextField(_("outlook (Markdown)"), blank=True)
    next_date = models.DateField(_("date of the next edition"), null=True, blank=True)
    # Guards the review form against two organizers overwriting each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("documentation")
        verbose_name_plural = _("documentations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="documentation_published_has_date",
            )
        ]

    def __str__(self):
        return f"{self.edition} ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def updated_after_publishing(self) -> bool:
        return bool(self.published_at and self.updated_at > self.published_at)
