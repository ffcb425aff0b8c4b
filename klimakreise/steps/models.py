"""The follow-up of next steps after the results are published: who looks after a step, and
every update of its status (the history).

The step itself is a boards `Card` of the next-steps or responsibilities column; its current
status is the card's `status` (written through boards.services, version-checked), so the board,
plenary, results and exports all show the same state.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card

NOTE_MAX_LENGTH = 500


class StepFollowUp(models.Model):
    """Who updates a step through a personal link: a participant of the edition, or a named
    contact with an email address (never both). Reminder flags make each email go out once."""

    card = models.OneToOneField(Card, on_delete=models.CASCADE, related_name="follow_up")
    registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="step_follow_ups",
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email address"), blank=True)
    # Bumped when the owner changes: every link issued so far stops working.
    link_version = models.PositiveIntegerField(default=1)
    # The due date each email was about: a step moved to a new date is reminded again.
    reminded_for = models.DateField(null=True, blank=True)
    overdue_notified_for = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow-up of a step")
        verbose_name_plural = _("follow-ups of steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration__isnull=True) | Q(contact_email=""),
                name="stepfollowup_one_owner",
            ),
        ]
        indexes = [models.Index(fields=["contact_email"], name="stepfollowup_contact")]

    def __str__(self):
        return f"follow-up of card {self.card_id}"

    @property
    def owner_email(self) -> str:
        if self.registration_id is not None:
            return self.registration.email
        return self.contact_email

    @property
    def owner_name(self) -> str:
        if self.registration_id is not None:
            return self.registration.name
        return self.contact_name or self.contact_email


class StepUpdate(models.Model):
    """One update of a step: its status then and a short dated note. Never changed afterwards."""

    class By(models.TextChoices):
        ORGANIZER = "organizer", _("organizer")
        PARTICIPANT = "participant", _("participant")
        CONTACT = "contact", _("contact")

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="step_updates")
    status = models.CharField(_("status"), max_length=20, choices=Card.Status.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.CharField(max_length=20, choices=By.choices)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("update of a step")
        verbose_name_plural = _("updates of steps")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["card", "-at"], name="stepupdate_card_newest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Card.Status.values), name="stepupdate_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.status} at {self.at:%Y-%m-%d}"
