"""Date polls: organizers propose dates for the next edition, people answer without an account.

Names and addresses of voters are personal data: only the organizers of the series see them
(the availability grid); the voter pages show totals only.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_OPTIONS = 30
COMMENT_MAX_LENGTH = 1000


def new_share_key() -> str:
    return secrets.token_urlsafe(18)


class DatePoll(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="date_polls"
    )
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message to the people asked"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # The key of the link anyone may be given; a voter's own link is signed (polls.links).
    share_key = models.CharField(max_length=40, unique=True, default=new_share_key, editable=False)
    picked_option = models.ForeignKey(
        "PollOption",
        verbose_name=_("picked date"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition created from the poll"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="originating_polls",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="poll_closed_has_closed_at",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PollOption(models.Model):
    """A proposed date; stored in UTC, entered and shown in the series' time zone."""

    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("proposed date")
        verbose_name_plural = _("proposed dates")
        ordering = ["start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="poll_option_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["poll", "start", "end"], name="poll_option_unique_date"
            ),
        ]

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}"


class Voter(models.Model):
    """Someone asked or answering: invited (a participant or a team member) or through the
    shared link. Answers are changed with the voter's own signed link."""

    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="voters")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="poll_voters",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="poll_voters",
    )
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Bumped to revoke every link issued to this voter so far.
    link_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "registration"],
                condition=Q(registration__isnull=False),
                name="poll_voter_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["poll", "user"],
                condition=Q(user__isnull=False),
                name="poll_voter_once_per_user",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="poll_voter_has_name"),
        ]

    def __str__(self):
        return self.name


class Vote(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        MAYBE = "maybe", _("if need be")
        NO = "no", _("no")

    voter = models.ForeignKey(Voter, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["voter", "option"], name="poll_vote_once_per_option"),
            models.CheckConstraint(
                condition=Q(answer__in=["yes", "maybe", "no"]), name="poll_vote_answer_valid"
            ),
        ]

    def __str__(self):
        return f"{self.voter_id}: {self.answer}"
