"""One function per email to a participant, each with subject, text and HTML templates under
registrations/email/, in the language chosen at registration. All go through the outbox."""

from functools import partial

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from klimakreise.editions.calendar import ICS_MIMETYPE, edition_ics, ics_filename
from klimakreise.outbox.services import (
    forget_recipient,
    send_templated_email,
    withdraw_queued_email,
)
from klimakreise.registrations.links import confirm_url, personal_url


def _send(registration, template: str, **options):
    edition = registration.edition
    context = {
        "registration": registration,
        "edition": edition,
        "edition_url": settings.SITE_URL + edition.get_absolute_url(),
        # Signed only when a template shows it (the confirmation request does not).
        "personal_url": SimpleLazyObject(partial(personal_url, registration)),
        **options.pop("context", {}),
    }
    return send_templated_email(
        to=registration.email,
        template=f"registrations/email/{template}",
        context=context,
        language=registration.language,
        edition=edition,
        **options,
    )


def send_confirmation_request(*, registration):
    context = {
        "confirm_url": confirm_url(registration),
        "confirmation_hours": settings.KLIMAKREISE_CONFIRMATION_HOURS,
    }
    return _send(registration, "confirmation_request", context=context)


def send_personal_link(*, registration):
    """For someone who registers again with an address that is already confirmed."""
    return _send(registration, "personal_link")


def send_registered(*, registration):
    return _send(registration, "registered")


def send_waitlisted(*, registration):
    return _send(registration, "waitlisted")


def send_moved_up(*, registration):
    return _send(registration, "moved_up")


def send_cancelled(*, registration):
    return _send(registration, "cancelled")


def reminder_key(registration) -> str:
    # With link_version: someone who cancels and registers again gets a new reminder.
    return f"registration-reminder:{registration.pk}:{registration.link_version}"


def send_reminder(*, registration, send_after):
    edition = registration.edition
    personal_ics = edition_ics(edition, room_url=edition.online_room_url)
    return _send(
        registration,
        "reminder",
        attachments=[(ics_filename(edition), personal_ics, ICS_MIMETYPE)],
        send_after=send_after,
        key=reminder_key(registration),
    )


def withdraw_reminder(*, registration) -> None:
    """A cancelled registration must not be reminded; a reminder already sent stays logged."""
    withdraw_queued_email(key=reminder_key(registration))


def forget_emails(*, registration) -> None:
    """Erase the emails to this person about this edition (they hold name, address and link)."""
    forget_recipient(edition_id=registration.edition_id, to=registration.email)
