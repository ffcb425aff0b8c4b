"""Retention of queued emails: finished emails older than the retention period are deleted.

Emails of a past edition's people go with their anonymization (registrations.retention).
"""

import calendar
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from klimakreise.outbox.models import OutboxEmail


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month_index + 1)[1])
    return moment.replace(year=year, month=month_index + 1, day=day)


def retention_cutoff(now: datetime | None = None) -> datetime:
    return months_before(now or timezone.now(), settings.KLIMAKREISE_RETENTION_MONTHS)


def old_emails(*, before: datetime):
    """Finished emails (sent or failed) older than the cutoff, whatever they were for."""
    return OutboxEmail.objects.filter(
        Q(status=OutboxEmail.Status.SENT, sent_at__lt=before)
        | Q(status=OutboxEmail.Status.FAILED, created_at__lt=before)
    )


def delete_old_emails(*, before: datetime) -> int:
    with transaction.atomic():
        return delete_emails(old_emails(before=before))


def delete_emails(emails) -> int:
    """Delete these emails; how many (not counting their attachments)."""
    _, per_model = emails.delete()  # the total would include the attachments
    return per_model.get(OutboxEmail._meta.label, 0)
