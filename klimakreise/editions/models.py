from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimakreise.editions.credits import partner_credit


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (e.g. Europe/Berlin)."),
            code="invalid_time_zone",
            params={"value": value},
        )


def default_time_zone() -> str:
    return settings.TIME_ZONE


class Series(models.Model):
    """A recurring event series, e.g. "Klimakreise Magdeburg", run by its own organizer team."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    description = models.TextField(_("description (Markdown)"), blank=True)
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer team"),
        related_name="organized_series",
        blank=True,
    )
    # Dates of a series (e.g. the options of a date poll) are entered and shown in this zone.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Dates of this series are entered and shown in it, e.g. Europe/Berlin."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editions:series", kwargs={"slug": self.slug})


class EditionQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Edition.Status.DRAFT)


class Edition(models.Model):
    class Format(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("in person")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        REGISTRATION_OPEN = "registration_open", _("registration open")
        REGISTRATION_CLOSED = "registration_closed", _("registration closed")
        RUNNING = "running", _("running")
        DOCUMENTED = "documented", _("documented")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_room_url = models.URLField(_("online room link"), blank=True)
    get_together_start = models.DateTimeField(_("get-together starts"), null=True, blank=True)
    get_together_place = models.CharField(_("get-together place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    preference_ranks = models.PositiveSmallIntegerField(
        _("number of ranked topic wishes"), default=3
    )
    intro = models.TextField(_("introduction (Markdown)"), blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("builds on edition"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_editions",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="edition_ends_after_start"
            ),
            models.UniqueConstraint(fields=["series", "number"], name="edition_number_per_series"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="edition_registration_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(preference_ranks__gte=1), name="edition_preference_ranks_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editions:edition", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def registration_is_open(self, *, now=None) -> bool:
        """Open while the edition says "registration open", or while a published edition's
        registration window (opens/closes, each optional) contains `now`."""
        if self.status == self.Status.REGISTRATION_OPEN:
            return True
        if self.status != self.Status.PUBLISHED:
            return False
        now = now or timezone.now()
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens is None and closes is None:
            return False  # published without a window: announced, sign-up not started yet
        return (opens is None or opens <= now) and (closes is None or now < closes)

    def assignment_is_locked(self) -> bool:
        """Circles get members only when organizers lock the assignment; from then on
        participants can no longer change their topic wishes."""
        return self.circles.filter(members__isnull=False).exists()

    @property
    def results_are_published(self) -> bool:
        """True when the public may see the results (reads `documentation`: one query at most,
        none if the edition was loaded with select_related("documentation"))."""
        if not self.is_public:
            return False
        try:
            return self.documentation.is_published
        except Documentation.DoesNotExist:
            return False


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        PROGRAM = "program", _("Programm")
        TALK = "talk", _("Impuls")
        CIRCLES = "circles", _("Kreisarbeit")
        PLENARY = "plenary", _("Plenum")
        BREAK = "break", _("Pause")
        # Links to the Rückblick on the previous edition's steps (the steps app's section).
        REVIEW = "review", _("Rückblick")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="agenda_items")
    start = models.DateTimeField(_("start"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=15)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRAM)
    description = models.TextField(_("description (Markdown)"), blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        # No database rule that a talk has a speaker: a cloned edition keeps the talk's slot
        # but not last year's speaker. The back-office form asks for speaker and organization.
        ordering = ["start", "id"]

    def __str__(self):
        return self.title


class Topic(models.Model):
    """A thematic circle of an edition; it may run as several parallel groups (circles)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80)
    description = models.TextField(_("description (Markdown)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    min_size = models.PositiveIntegerField(_("minimum size"), default=6)
    max_size = models.PositiveIntegerField(_("maximum size"), default=12)
    max_groups = models.PositiveIntegerField(_("maximum parallel groups"), default=1)
    min_groups = models.PositiveSmallIntegerField(
        _("takes place for sure – at least … circles"),
        default=0,
        help_text=_("0: the topic opens only if enough people wish it."),
    )
    # Set when the assignment is locked: no circle of the topic opened.
    cancelled = models.BooleanField(_("does not take place"), default=False, editable=False)
    input_title = models.CharField(_("expert input: title"), max_length=200, blank=True)
    input_expert = models.CharField(_("expert input: expert"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="topic_slug_per_edition"),
            models.CheckConstraint(
                condition=Q(min_size__lte=F("max_size")), name="topic_min_size_not_above_max"
            ),
            models.CheckConstraint(condition=Q(min_size__gte=1), name="topic_min_size_positive"),
            models.CheckConstraint(
                condition=Q(max_groups__gte=1), name="topic_max_groups_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_groups__lte=F("max_groups")),
                name="topic_min_groups_not_above_max",
            ),
        ]

    def __str__(self):
        return self.title


class Partner(models.Model):
    class Role(models.TextChoices):
        FUNDING = "funding", _("funding")
        INFRASTRUCTURE = "infrastructure", _("infrastructure")
        VENUE = "venue", _("venue")
        COOPERATION = "cooperation", _("cooperation")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    thanks = models.CharField(_("acknowledgement"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["role", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organization", "role"], name="partner_role_once_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"

    @property
    def credit(self) -> str:
        """The sentence that thanks this partner, as HTML (editions.credits)."""
        return partner_credit(
            name=self.organization.name,
            role_label=self.get_role_display(),
            thanks=self.thanks,
            website=self.organization.website,
        )


def attachment_path(instance, filename):
    return f"attachments/{instance.edition_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


def preview_path(instance, filename):
    return f"previews/{instance.edition_id}/{instance.pk}-{filename}"


class Attachment(models.Model):
    """An uploaded file (slides, images) on an edition, one of its agenda items or a circle."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="attachments")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    circle = models.ForeignKey(
        "circles.Circle",
        verbose_name=_("circle"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    # The first page of a PDF as PNG, made by editions.previews (never while a page is served).
    preview = models.FileField(upload_to=preview_path, blank=True, editable=False)
    # The file name the preview was made from, or tried and failed: differs from `file` when the
    # file was replaced, so the worker makes the preview again.
    preview_source = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=True) | Q(circle__isnull=True),
                name="attachment_on_one_target",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editions:attachment", kwargs={"pk": self.pk})


class Documentation(models.Model):
    """The published documentation of an edition: its state and what organizers add by hand.

    The results themselves (cards, notes, slides) live with the circles; this row decides whether
    and since when the public may see them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="documentation")
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
    # The results page's own introduction: the edition's intro invites people to sign up.
    results_intro = models.TextField(
        _("introduction of the results (Markdown)"),
        blank=True,
        help_text=_("Shown above the results. The invitation text of the edition is not used."),
    )
    outlook = models.TextField(_("outlook (Markdown)"), blank=True)
    next_date = models.DateField(_("date of the next edition"), null=True, blank=True)
    # Guards the review form against two organizers overwriting each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("documentation")
        verbose_name_plural = _("documentations")
        db_table = "results_documentation"  # created by the results app, which owned it first
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
