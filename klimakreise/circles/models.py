from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def circle_name(topic_title: str, *, max_groups: int, index: int) -> str:
    """The topic title, with a letter once the topic runs as more than one group."""
    if max_groups > 1 or index > 1:
        return f"{topic_title} {group_letter(index)}"
    return topic_title


def group_letter(index: int) -> str:
    """1 → "A", 26 → "Z", 27 → "AA": how workshops name parallel groups."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Circle(models.Model):
    """One group of a topic in an edition, e.g. "Mobilität B"."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="circles"
    )
    topic = models.ForeignKey(
        "editions.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="circles"
    )
    index = models.PositiveIntegerField(_("group number"), default=1)
    video_room_url = models.URLField(_("video room link"), blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator (user)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderator_name = models.CharField(_("moderator (name)"), max_length=200, blank=True)
    # Set when the moderator was chosen from the sign-ups (choose_moderator): whose offer it
    # was, what they agreed to on the sign-up form and when they offered.
    moderator_registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("moderator (sign-up)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderator_consent_text = models.CharField(
        _("moderator's consent (text)"), max_length=500, blank=True
    )
    moderator_consent_at = models.DateTimeField(
        _("moderator's consent given at"), null=True, blank=True
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert (user)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expert_name = models.CharField(_("expert (name)"), max_length=200, blank=True)
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("note-taker (user)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note_taker_name = models.CharField(_("note-taker (name)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["topic__position", "topic_id", "index"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "index"], name="circle_index_per_topic")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return circle_name(self.topic.title, max_groups=self.topic.max_groups, index=self.index)

    def staff_display(self, role: str) -> str:
        user = getattr(self, role)
        return user.name if user else getattr(self, f"{role}_name")

    @property
    def staff_users(self):
        return [u for u in (self.moderator, self.expert, self.note_taker) if u is not None]


def staffed_circles(user):
    """The circles this account moderates, gives the input in or takes notes for, newest first."""
    if not user.is_authenticated:
        return Circle.objects.none()
    staffed = models.Q(moderator=user) | models.Q(expert=user) | models.Q(note_taker=user)
    return (
        Circle.objects.filter(staffed)
        .select_related("edition", "topic")
        .order_by("-edition__start", "topic__position", "index")
    )


class CircleMember(models.Model):
    """A registered participant placed in a circle (created when the assignment is locked)."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    registration = models.OneToOneField(
        "registrations.Registration", on_delete=models.CASCADE, related_name="circle_membership"
    )

    class Meta:
        verbose_name = _("circle member")
        verbose_name_plural = _("circle members")

    def __str__(self):
        return f"{self.registration} → {self.circle}"


class AssignmentRun(models.Model):
    """One run of the solver for an edition: its input, its result and what became of it.

    The placements (below) start as the solver's result; organizers' manual moves change them
    in the database, so a proposal survives restarts and is the same for every organizer.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        LOCKED = "locked", _("locked")
        PUBLISHED = "published", _("published")

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="assignment_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    # The organizers' choices: {"sector slug": at least N per circle}, time limit and seed.
    rules = models.JSONField(_("diversity rules"), default=dict, blank=True)
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=20)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    input = models.JSONField(_("solver input"))
    output = models.JSONField(_("solver output"))
    objective = models.FloatField(_("total cost"))
    bound = models.FloatField(_("proven lower bound"), null=True, blank=True)
    optimal = models.BooleanField(_("proven optimal"), default=False)
    locked_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(status__in=["locked", "published"]),
                name="assignment_run_one_locked_per_edition",
            )
        ]

    def __str__(self):
        return f"{self.edition} #{self.pk}"

    @property
    def is_proposed(self) -> bool:
        return self.status == self.Status.PROPOSED


class Placement(models.Model):
    """Where a run puts one registration: a topic and the group number within it."""

    class Source(models.TextChoices):
        SOLVER = "solver", _("solver")
        MANUAL = "manual", _("moved by hand")

    run = models.ForeignKey(AssignmentRun, on_delete=models.CASCADE, related_name="placements")
    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey("editions.Topic", on_delete=models.CASCADE, related_name="+")
    index = models.PositiveIntegerField(_("group number"))
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SOLVER)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["run", "registration"], name="placement_once_per_run"),
            models.CheckConstraint(condition=Q(index__gte=1), name="placement_index_positive"),
        ]

    def __str__(self):
        return f"{self.registration} → {self.topic} {self.index}"


class TopicPin(models.Model):
    """An organizer's decision that a registration belongs to a topic (e.g. its expert)."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="topic_pins"
    )
    registration = models.OneToOneField(
        "registrations.Registration", on_delete=models.CASCADE, related_name="topic_pin"
    )
    topic = models.ForeignKey(
        "editions.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("topic pin")
        verbose_name_plural = _("topic pins")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.registration} → {self.topic}"


class MembershipChange(models.Model):
    """One change to the members of a locked assignment: who, from where to where, why, by whom.

    `from_circle` empty: the person was added; `to_circle` empty: removed. The rows outlive
    the circles' members (the history of an edition) but not the person's registration.
    """

    class Kind(models.TextChoices):
        ADDED = "added", _("added")
        MOVED = "moved", _("moved")
        REMOVED = "removed", _("removed")
        CANCELLED = "cancelled", _("cancelled the registration")
        SUGGESTION = "suggestion", _("suggested circle confirmed")
        UNFIXED = "unfixed", _("assignment unlocked")

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="membership_changes"
    )
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_circle = models.ForeignKey(
        Circle, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_circle = models.ForeignKey(
        Circle, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="unfixed") | Q(registration__isnull=False),
                name="membership_change_names_a_person",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.registration} ({self.created_at:%Y-%m-%d})"
