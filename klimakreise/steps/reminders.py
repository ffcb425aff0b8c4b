"""The worker's `step_reminders` job: a reminder a few days before a step is due, and one email
when it is overdue. Only steps of published results that are open or in progress and have
someone with an email address; each email goes out once per due date (the date is recorded by one
conditional UPDATE, so two workers never both send, and a step moved to a new date is reminded
again)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from klimakreise.boards.models import Card
from klimakreise.steps.emails import send_step_overdue, send_step_reminder
from klimakreise.steps.models import StepFollowUp
from klimakreise.steps.services import published

ACTIVE = (Card.Status.OPEN, Card.Status.IN_PROGRESS)


def _candidates():
    return (
        StepFollowUp.objects.filter(published("card__"))
        .filter(card__status__in=ACTIVE, card__due_date__isnull=False)
        .exclude(registration__isnull=True, contact_email="")
        .select_related("registration", "card__circle__edition__series")
    )


def send_step_reminders(*, today=None) -> int:
    """Queue the due reminders and overdue notices; how many were queued."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=settings.KLIMAKREISE_STEP_REMINDER_DAYS)
    sent = 0
    due_soon = (
        _candidates()
        .filter(card__due_date__gte=today, card__due_date__lte=soon)
        .exclude(reminded_for=F("card__due_date"))
    )
    for follow_up in due_soon:
        sent += _send_once(follow_up, "reminded_for", send_step_reminder)
    overdue = (
        _candidates()
        .filter(card__due_date__lt=today)
        .exclude(overdue_notified_for=F("card__due_date"))
    )
    for follow_up in overdue:
        sent += _send_once(follow_up, "overdue_notified_for", send_step_overdue)
    return sent


def _send_once(follow_up, flag: str, send) -> int:
    if not follow_up.owner_email:  # an anonymized participant
        return 0
    due = follow_up.card.due_date
    with transaction.atomic():
        won = (
            StepFollowUp.objects.filter(pk=follow_up.pk)
            .exclude(**{flag: due})
            .update(**{flag: due})
        )
        if won:
            send(follow_up=follow_up)
    return won
