"""Every email is a row here first; the worker delivers due rows (see klimakreise/outbox/worker)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet):
    def claimable(self, *, now, stuck_before):
        """Rows a worker may take: queued and due (send_after and retry backoff both end up in
        next_attempt_at), or claimed by a worker that never finished (it crashed mid-send)."""
        return self.filter(
            Q(status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now)
            | Q(status=OutboxEmail.Status.SENDING, sending_since__lt=stuck_before)
        )


class OutboxEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_emails",
    )
    # Set by callers that must queue a message at most once (e.g. "reminder:<registration>").
    key = models.CharField(_("key"), max_length=200, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    send_after = models.DateTimeField(_("send after"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_since = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="outbox_email_key_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outbox_email_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbox_email_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(sending_since__isnull=False),
                name="outbox_email_sending_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_email_due"),
            models.Index(fields=["edition", "status"], name="outbox_email_edition_status"),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class OutboxAttachment(models.Model):
    """A small file sent with an email (e.g. an .ics invitation)."""

    email = models.ForeignKey(OutboxEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"))
    mimetype = models.CharField(_("type"), max_length=100)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(filename=""), name="outbox_attachment_has_filename")
        ]

    def __str__(self):
        return self.filename
