from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BoardSettings(models.Model):
    """Per-edition switches for the circle workspaces."""

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="board_settings"
    )
    members_can_edit = models.BooleanField(
        _("circle members may edit their board while the edition is running"), default=True
    )

    def __str__(self):
        return f"board settings of {self.edition}"


class Card(models.Model):
    """A card on a circle's pin board. `version` guards against silent overwrites."""

    class Column(models.TextChoices):
        IDEAS = "ideas", _("Ideas")
        NEXT_STEPS = "next_steps", _("Next steps")
        RESPONSIBILITIES = "responsibilities", _("Responsibilities")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="cards")
    column = models.CharField(_("column"), max_length=20, choices=Column.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), max_length=2000)
    responsible = models.CharField(
        _("responsible person or organization"), max_length=200, blank=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        ordering = ["column", "position", "id"]
        indexes = [models.Index(fields=["circle", "column", "position"], name="card_board_order")]

    def __str__(self):
        return self.text[:60]


class CardChange(models.Model):
    """History of a board: who changed what and when. Kept when the card is removed."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        MOVED = "moved", _("moved")
        DELETED = "deleted", _("removed")
        # Board-level events share the history so that its newest id is the board's revision.
        NOTES_EDITED = "notes_edited", _("notes edited")
        VOTE_OPENED = "vote_opened", _("dot vote opened")
        VOTE_CLOSED = "vote_closed", _("dot vote closed")
        # Facilitation (phase, lock): recorded so that the refresh sees them in one cycle.
        FACILITATED = "facilitated", _("facilitation changed")

    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="card_changes"
    )
    card = models.ForeignKey(
        Card, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        # The newest change of a circle is its board revision, read on every refresh.
        indexes = [models.Index(fields=["circle", "id"], name="cardchange_board_revision")]

    def __str__(self):
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


class CircleNotes(models.Model):
    """Free notes of a circle in Markdown, versioned like cards."""

    circle = models.OneToOneField("circles.Circle", on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notes (Markdown)"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"notes of circle {self.circle_id}"


class DotVote(models.Model):
    """A round of dot-voting on a circle's ideas."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="votes")
    dots_per_person = models.PositiveSmallIntegerField(_("dots per person"), default=3)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["circle"], condition=Q(status="open"), name="dotvote_one_open_per_circle"
            ),
            models.CheckConstraint(
                condition=Q(dots_per_person__gte=1), name="dotvote_dots_positive"
            ),
        ]

    def __str__(self):
        return f"dot vote {self.pk} ({self.status})"


class Dot(models.Model):
    """One dot on an idea. The voter is stored only as an opaque key, never shown."""

    vote = models.ForeignKey(DotVote, on_delete=models.CASCADE, related_name="dots")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="dots")
    voter_key = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["vote", "voter_key"], name="dot_vote_voter")]

    def __str__(self):
        return f"dot on card {self.card_id}"


class CircleState(models.Model):
    """How a circle is facilitated: its phase, board lock, timer, message and plenary call.

    A change writes a CardChange (FACILITATED), so the board's revision — and with it the
    refresh's ETag — changes within one refresh cycle (no second revision to keep)."""

    class Phase(models.TextChoices):
        OPEN = "open", _("writing open")
        HIDDEN_WRITING = "hidden_writing", _("writing hidden")

    circle = models.OneToOneField(
        "circles.Circle", on_delete=models.CASCADE, related_name="board_state"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.OPEN)
    board_locked = models.BooleanField(_("board locked"), default=False)
    # The shared countdown: the server keeps the end; a small script counts down to it.
    timer_ends_at = models.DateTimeField(_("timer ends at"), null=True, blank=True)
    broadcast = models.CharField(_("message to the circle"), max_length=280, blank=True)
    broadcast_at = models.DateTimeField(null=True, blank=True)
    plenary_call_at = models.DateTimeField(
        _("called back to the plenary at"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("circle state")
        verbose_name_plural = _("circle states")

    def __str__(self):
        return f"{self.circle_id}: {self.phase}"


class BoardPresence(models.Model):
    """Someone viewing a board through an open stream, as one app process last reported it.

    Each process writes the viewers of its open streams every few seconds (boards/presence.py);
    a row not renewed within PRESENCE_TTL is no longer counted, so a process that died is
    forgotten by itself. Counting rows of every process gives the number online across them."""

    process = models.CharField(max_length=64)
    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="+")
    viewer = models.CharField(max_length=64)  # u<user>, r<registration> or a stream's token
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["process", "circle", "viewer"], name="board_presence_unique"
            )
        ]
        indexes = [models.Index(fields=["circle", "seen_at"], name="board_presence_online")]

    def __str__(self):
        return f"{self.viewer} on {self.circle_id}"
