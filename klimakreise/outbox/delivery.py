"""Claim due emails and deliver them through Django's email backend, with retries.

How "never twice" holds with several workers:

1. A worker claims ONE due row in a short transaction and marks it `sending` there. On
   PostgreSQL the row is read with `SELECT … FOR UPDATE SKIP LOCKED`, so a second worker skips
   the row being claimed and takes the next one; on SQLite the transaction starts IMMEDIATE
   (see settings), which serializes claims. Either way, once committed, no other worker sees
   the row as due.
2. The SMTP conversation runs outside any transaction (it may take seconds and must not hold
   database locks), and the row is marked `sent` in its own transaction right after the SMTP
   call returns.
3. If the worker dies between 1 and 2, the row stays `sending`, and nobody can know whether
   the SMTP server accepted it. After OUTBOX_SENDING_TIMEOUT (far above EMAIL_TIMEOUT, so a
   live worker's slow send is never taken over) it is marked `failed` with STUCK_ERROR, never
   sent again by itself: an email goes out at most once. Organizers see it on the outbox page
   and may retry it once they know it did not arrive.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from klimakreise.outbox.models import OutboxEmail

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
BACKOFF_FACTOR = 5  # 1 min, 5 min, 25 min, ~2 h, ~10 h …
MAX_RETRY_DELAY = timedelta(hours=12)
STUCK_ERROR = (
    "A worker stopped while sending this email (crash or restart); it may have gone out. "
    "Retry it only when the recipient did not get it."
)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the given number of failed attempts (1 → 1 min, 2 → 5 min, …)."""
    delay = FIRST_RETRY
    for _ in range(attempts - 1):
        delay *= BACKOFF_FACTOR
        if delay >= MAX_RETRY_DELAY:
            return MAX_RETRY_DELAY
    return delay


def claim_next(*, now=None) -> OutboxEmail | None:
    """Mark the next due (or stuck) email as `sending` and return it, or None if none is due."""
    now = now or timezone.now()
    stuck_before = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    while True:
        with transaction.atomic():
            email = (
                OutboxEmail.objects.claimable(now=now, stuck_before=stuck_before)
                .order_by("next_attempt_at", "id")
                .select_for_update(skip_locked=True)
                .first()
            )
            if email is None:
                return None
            if email.status == OutboxEmail.Status.SENDING:  # stuck: it may have gone out already
                email.status = OutboxEmail.Status.FAILED
                email.sending_since = None
                email.last_error = STUCK_ERROR
                email.save(update_fields=["status", "sending_since", "last_error"])
                continue
            email.status = OutboxEmail.Status.SENDING
            email.sending_since = now
            email.attempts += 1
            email.save(update_fields=["status", "sending_since", "attempts"])
            return email


def deliver(email: OutboxEmail) -> bool:
    """Send one claimed email; record success, or schedule a retry / give up. True if sent."""
    try:
        build_message(email).send()
    except Exception as error:  # noqa: BLE001 (any backend error is a failed attempt)
        record_failure(email, error)
        return False
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.SENT,
            sent_at=timezone.now(),
            sending_since=None,
            last_error="",
        )
    return True


def build_message(email: OutboxEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def record_failure(email: OutboxEmail, error: Exception) -> None:
    description = f"{type(error).__name__}: {error}"[:2000]
    logger.warning(
        "Email %s to %s failed (attempt %s): %s", email.pk, email.to, email.attempts, description
    )
    now = timezone.now()
    if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        changes = {"status": OutboxEmail.Status.FAILED}
    else:
        changes = {
            "status": OutboxEmail.Status.QUEUED,
            "next_attempt_at": now + retry_delay(email.attempts),
        }
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(
            last_error=description, sending_since=None, **changes
        )
