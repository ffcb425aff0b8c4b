"""Who is invited to answer, and the worker's job that invites them once the edition is over.

Invited are the people who took part: confirmed (status "registered") or checked in, not
cancelled and not anonymized. Each gets the email once per survey (an `Invitation` row says so).
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from klimakreise.feedback.emails import send_invitation
from klimakreise.feedback.models import Invitation, Survey
from klimakreise.feedback.services import event_has_ended
from klimakreise.registrations.models import Registration


def participants(edition):
    took_part = Q(status=Registration.Status.REGISTERED) | Q(checked_in_at__isnull=False)
    return (
        edition.registrations.filter(took_part, anonymized_at__isnull=True)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(email="")
    )


def uninvited(survey):
    return participants(survey.edition).exclude(
        pk__in=Invitation.objects.filter(survey=survey).values("registration_id")
    )


def send_invitations(*, survey) -> int:
    """Invite everyone who took part and was not invited yet; how many were invited now. Nobody
    before the edition has ended (the personal link would not take answers yet)."""
    if not survey.accepts_answers() or not event_has_ended(survey.edition):
        return 0
    sent = 0
    for registration in uninvited(survey).select_related("edition__series"):
        with transaction.atomic():
            _, created = Invitation.objects.get_or_create(survey=survey, registration=registration)
            if created:  # another worker may have invited this person just now
                send_invitation(survey=survey, registration=registration)
                sent += 1
    return sent


def send_due_invitations(*, now=None) -> int:
    """The scheduled job: invite to every open survey whose edition has ended."""
    now = now or timezone.now()
    surveys = Survey.objects.filter(status=Survey.Status.OPEN, edition__end__lte=now).filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )
    return sum(send_invitations(survey=s) for s in surveys.select_related("edition__series"))
