from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        """The topic title, with a letter once the topic runs as more than one group."""
        if self.topic.max_groups > 1 or self.index > 1:
            return f"{self.topic.title} {group_letter(self.index)}"
        return self.topic.title

    def staff_display(self, role: str) -> str:
        user = getattr(self, role)
        return user.name if user else getattr(self, f"{role}_name")

    @property
    def staff_users(self):
        return [u for u in (self.moderator, self.expert, self.note_taker) if u is not None]


class CircleMember(models.Model):
    """A registered participant placed in a circle (created when the assignment is locked)."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    registration = models.OneToOneField(
        "registrations.Registration", on_delete=models.CASCADE, related_name="circle_membership"
    )

    class Meta:
        verbose_name = _("circle member")
        verbose_name_plural = _("circle members")
