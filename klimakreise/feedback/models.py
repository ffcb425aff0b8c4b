"""The feedback survey of an edition: its questions, and the answers of the participants.

Answers are stored one row per chosen option (or scale value, or free text), so every report
counts them with one grouped query, however many people answered.
"""

import secrets

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Reports show no count of fewer answers than this (docs/decisions.md).
MIN_GROUP_SIZE = 3


def _public_key() -> str:
    return secrets.token_urlsafe(16)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="feedback_survey"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close the survey by hand."),
    )
    public_link_enabled = models.BooleanField(
        _("public anonymous link"),
        default=False,
        help_text=_("Anyone with the link can answer once per visit, without a personal link."),
    )
    # The secret part of the public anonymous link; a new key retires the old link.
    public_key = models.CharField(max_length=40, default=_public_key, unique=True)
    summary_published = models.BooleanField(_("summary published"), default=False)
    summary_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")

    def __str__(self):
        return str(self.edition)

    def accepts_answers(self, *, now=None) -> bool:
        """Open, and its closing time (if any) not yet reached."""
        if self.status != self.Status.OPEN:
            return False
        now = now or timezone.now()
        return self.closes_at is None or now < self.closes_at


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale")
        CHOICE = "choice", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        TEXT = "text", _("free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("scale from"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("scale to"), default=5)
    required = models.BooleanField(_("required"), default=False)
    # The rating of one's own circle: reports break it down per circle (3 answers or more).
    rates_own_circle = models.BooleanField(_("rates the own circle"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="feedback_question_position_once"
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="feedback_question_scale_ordered"
            ),
            models.CheckConstraint(
                condition=Q(scale_max__lte=10), name="feedback_question_scale_at_most_10"
            ),
            models.UniqueConstraint(
                fields=["survey"],
                condition=Q(rates_own_circle=True),
                name="feedback_one_circle_rating_per_survey",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def values(self) -> list[str]:
        """What one can answer: the options, or the scale's values as text; none for text."""
        if self.kind == self.Kind.SCALE:
            return [str(v) for v in range(self.scale_min, self.scale_max + 1)]
        if self.kind == self.Kind.TEXT:
            return []
        return list(self.options)


class Response(models.Model):
    """One person's answers. Personal-link answers name the registration (one per person, so
    they can be changed); answers by the public link name nobody."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Deleting a person's data deletes their answers too.
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    # The circle the person was in when answering: the own-circle rating is counted per circle.
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "registration"],
                condition=Q(registration__isnull=False),
                name="feedback_response_once_per_person",
            )
        ]

    def __str__(self):
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    """One chosen option, scale value or free text of a response."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=300, blank=True)  # option or scale value as text
    text = models.TextField(blank=True)  # free text

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "value"], name="feedback_answer_value")]

    def __str__(self):
        return self.value or self.text[:40]


class Invitation(models.Model):
    """Who was sent the survey's email, so that nobody gets it twice."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "registration"], name="feedback_invitation_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.survey_id}→{self.registration_id}"
