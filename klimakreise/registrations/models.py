from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def listed_publicly(prefix: str = "") -> Q:
    """Who may be named on public pages: people who agreed, unless their data was anonymized.
    The one statement of that rule; `prefix` reaches registrations from another model
    ("registration__" from a circle member). boards.reading applies it to what people read."""
    return Q(**{f"{prefix}public_listing": True, f"{prefix}anonymized_at__isnull": True})


LISTED_PUBLICLY = listed_publicly()


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED]
        )

    def listed_publicly(self):
        return self.filter(LISTED_PUBLICLY)


class Registration(models.Model):
    """A person's sign-up for one edition. Personal data lives here and can be anonymized."""

    class Status(models.TextChoices):
        PENDING = "pending_confirmation", _("waiting for confirmation")
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("waitlisted")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        FORM = "form", _("registration form")
        API = "api", _("API")
        IMPORT = "import", _("import")
        ORGANIZER = "organizer", _("added by organizers")

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.FORM
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True
    )
    sector = models.ForeignKey(
        "organizations.Sector", verbose_name=_("sector"), on_delete=models.PROTECT
    )
    can_moderate = models.BooleanField(_("can moderate a circle"), default=False)
    can_take_notes = models.BooleanField(_("can take notes"), default=False)
    joins_get_together = models.BooleanField(_("joins the get-together"), default=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    consent_privacy_at = models.DateTimeField(_("privacy consent given at"), null=True)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    public_listing = models.BooleanField(_("may be listed by name in public"), default=False)
    newsletter = models.BooleanField(_("newsletter"), default=False)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)
    # Bumped to revoke every personal link issued so far.
    link_version = models.PositiveIntegerField(default=1)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=Q(anonymized_at__isnull=True) & ~Q(email=""),
                name="registration_email_once_per_edition",
            )
        ]
        indexes = [models.Index(fields=["edition", "status"], name="registration_edition_status")]

    def __str__(self):
        return self.name

    @property
    def circle(self):
        """The circle the person was placed in once the assignment is locked, else None.

        Circles sits above registrations and declares the membership as a one-to-one relation
        named `circle_membership`; reading it through that relation needs no import of circles.
        """
        membership = getattr(self, "circle_membership", None)  # None: not placed (yet)
        return membership.circle if membership is not None else None


class Preference(models.Model):
    """One ranked topic wish (rank 1 is the first wish)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="preferences"
    )
    topic = models.ForeignKey("editions.Topic", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("topic wish")
        verbose_name_plural = _("topic wishes")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "rank"], name="preference_rank_once"),
            models.UniqueConstraint(fields=["registration", "topic"], name="preference_topic_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="preference_rank_positive"),
        ]

    def __str__(self):
        return f"{self.rank}: {self.topic_id}"
