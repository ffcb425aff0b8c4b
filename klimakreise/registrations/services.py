"""Writes to registrations. Every function runs in one transaction; emails are queued in the
outbox inside that transaction, so a rolled-back change sends nothing.

Seats are counted under a lock on the edition row (PostgreSQL: SELECT … FOR UPDATE; SQLite:
the IMMEDIATE transaction mode already serializes writers), so concurrent confirmations and
cancellations never hand out one seat twice or leave one unused.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from klimakreise.core.cache import retire_public_pages
from klimakreise.editions.models import Edition
from klimakreise.organizations.models import Organization
from klimakreise.registrations import emails
from klimakreise.registrations.models import Preference, Registration
from klimakreise.registrations.privacy import announce_erasure

Status = Registration.Status
Source = Registration.Source

# Sent inside the transaction of cancel_registration, after the status changed and before a
# freed seat goes to the waitlist, so apps above this one can follow (circles: the person
# leaves her circle). Arguments: edition, registration, actor (the organizer, or None).
registration_cancelled = Signal()


class RegistrationClosed(Exception):
    """The edition does not take registrations (any more)."""


class AssignmentLocked(Exception):
    """The circle assignment is locked; topic wishes can no longer change."""


@dataclass
class RegistrationData:
    """What a person submits; validated by RegistrationForm (form and API alike)."""

    name: str
    email: str
    sector: object  # organizations.Sector of the edition's series
    topics: list = field(default_factory=list)  # editions.Topic in rank order
    organization_name: str = ""
    can_moderate: bool = False
    can_take_notes: bool = False
    joins_get_together: bool = False
    accessibility_needs: str = ""
    consent_privacy: bool = False
    public_listing: bool = False
    newsletter: bool = False
    language: str = "de"


def normalize_email(email: str) -> str:
    # One person, one registration per edition: "Anna@Example.org" is "anna@example.org".
    return email.strip().lower()


@transaction.atomic
def register(
    *, edition, data: RegistrationData, source=Source.FORM, send_confirmation: bool = True
) -> tuple[Registration, bool]:
    """A new registration waiting for confirmation, and True; or, when the email address is
    already registered for the edition, that registration (unchanged) and False, after sending
    its owner a fresh link. Organizers' sources (import, by hand) may register while closed."""
    if source in (Source.FORM, Source.API) and not edition.registration_is_open():
        raise RegistrationClosed
    email = normalize_email(data.email)
    registration = Registration(edition=edition, email=email)
    _fill(registration, data, source=source)
    try:
        # Insert first: the unique constraint registration_email_once_per_edition finds a
        # known address (also one registering concurrently), so a new one costs no look-up.
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        existing = _active_registration(edition, email)
        if existing is None:  # not the address constraint
            raise
        return _register_again(existing, data, source=source, confirm=send_confirmation)
    _set_preferences(registration, data.topics, replace=False)
    if send_confirmation:
        emails.send_confirmation_request(registration=registration)
    return registration, True


def _register_again(
    registration: Registration, data: RegistrationData, *, source, confirm: bool
) -> tuple[Registration, bool]:
    """The address is known: send its owner a fresh link, or, after a cancellation, start over
    on the same row (new links, the earlier ones revoked)."""
    if registration.status != Status.CANCELLED:
        _send_fresh_link(registration)
        return registration, False
    registration.link_version += 1
    _fill(registration, data, source=source)
    registration.save()
    _set_preferences(registration, data.topics, replace=True)
    if confirm:
        emails.send_confirmation_request(registration=registration)
    return registration, True


def _active_registration(edition, email: str) -> Registration | None:
    return (
        Registration.objects.select_for_update()
        .filter(edition=edition, email=email, anonymized_at__isnull=True)
        .first()
    )


def _send_fresh_link(registration: Registration) -> None:
    if registration.status == Status.PENDING:
        # A new link restarts the confirmation period, so it is not about to expire.
        registration.created_at = timezone.now()
        registration.save(update_fields=["created_at"])
        emails.send_confirmation_request(registration=registration)
    else:
        emails.send_personal_link(registration=registration)


def _fill(registration: Registration, data: RegistrationData, *, source) -> None:
    now = timezone.now()
    registration.status = Status.PENDING
    registration.source = source
    registration.name = data.name
    registration.organization_name = data.organization_name
    registration.organization = known_organization(registration.edition, data.organization_name)
    registration.sector = data.sector
    registration.can_moderate = data.can_moderate
    registration.can_take_notes = data.can_take_notes
    registration.joins_get_together = data.joins_get_together
    registration.accessibility_needs = data.accessibility_needs
    registration.consent_privacy_at = now if data.consent_privacy else None
    registration.privacy_notice_version = (
        settings.KLIMAKREISE_PRIVACY_NOTICE_VERSION if data.consent_privacy else ""
    )
    registration.public_listing = data.public_listing
    registration.newsletter = data.newsletter
    registration.language = data.language
    registration.created_at = now
    registration.confirmed_at = registration.cancelled_at = None


def known_organization(edition, name: str) -> Organization | None:
    if not name:
        return None
    return Organization.objects.filter(series_id=edition.series_id, name__iexact=name).first()


def _set_preferences(registration: Registration, topics, *, replace: bool = True) -> None:
    if replace:
        registration.preferences.all().delete()
    Preference.objects.bulk_create(
        Preference(registration=registration, topic=topic, rank=rank)
        for rank, topic in enumerate(topics, start=1)
    )


def lock_edition(*, edition_id: int) -> Edition:
    """Lock the edition row: every writer of its registrations takes this lock first."""
    return Edition.objects.select_for_update().get(pk=edition_id)


def _lock(registration: Registration) -> tuple[Edition, Registration]:
    """Lock the edition (the seat counter), then re-read the registration under that lock."""
    edition = Edition.objects.select_for_update().get(pk=registration.edition_id)
    fresh = Registration.objects.select_for_update().get(pk=registration.pk)
    fresh.edition = edition
    return edition, fresh


def free_seats(edition: Edition) -> int | None:
    """Seats left, or None when the edition has no limit. The public edition page says when none
    are left, so a change between none and some retires the cached pages."""
    if edition.capacity is None:
        return None
    taken = edition.registrations.filter(status=Status.REGISTERED).count()
    return max(edition.capacity - taken, 0)


@transaction.atomic
def confirm_registration(*, registration: Registration, notify: bool = True) -> Registration:
    """Double opt-in done: registered while seats are free, waitlisted after. Idempotent.

    With notify=False (organizers adding people by hand) nobody is told now; the reminder before
    the event is still scheduled for the registered."""
    edition, registration = _lock(registration)
    if registration.status != Status.PENDING:
        return registration
    seats = free_seats(edition)
    registration.status = Status.REGISTERED if seats is None or seats > 0 else Status.WAITLISTED
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at"])
    if registration.status == Status.REGISTERED:
        if seats == 1:
            retire_public_pages()  # the last seat: the page now announces the waitlist
        if notify:
            emails.send_registered(registration=registration)
        schedule_reminder(registration=registration)
    elif notify:
        emails.send_waitlisted(registration=registration)
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, actor=None) -> Registration:
    """Cancel and give a freed seat to the longest-waiting person on the waitlist.

    `actor` is the organizer who cancelled for the person (None: she cancelled herself)."""
    edition, registration = _lock(registration)
    if registration.status == Status.CANCELLED:
        return registration
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    emails.withdraw_reminder(registration=registration)
    emails.send_cancelled(registration=registration)
    registration_cancelled.send(
        sender=Registration, edition=edition, registration=registration, actor=actor
    )
    promote_from_waitlist(edition=edition)
    _retire_pages_if_seats_opened(edition)
    return registration


@transaction.atomic
def promote_from_waitlist(*, edition: Edition) -> list[Registration]:
    """Fill free seats from the waitlist in order of confirmation; e.g. after a cancellation or
    when organizers raise the capacity. Each person moved up gets an email."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    seats = free_seats(edition)
    waiting = edition.registrations.filter(status=Status.WAITLISTED).order_by("confirmed_at", "id")
    promoted = list(waiting if seats is None else waiting[:seats])
    for registration in promoted:
        registration.status = Status.REGISTERED
        registration.save(update_fields=["status"])
        emails.send_moved_up(registration=registration)
        schedule_reminder(registration=registration)
    return promoted


@transaction.atomic
def change_preferences(*, registration: Registration, topics) -> Registration:
    """Replace the ranked topic wishes; refused once the assignment is locked."""
    edition, registration = _lock(registration)
    if edition.assignment_is_locked():
        raise AssignmentLocked
    topics = list(topics)
    ranks = min(edition.preference_ranks, edition.topics.count())
    if not topics:
        raise ValidationError({"preferences": _("Please choose at least one topic.")})
    if len(topics) > ranks:
        raise ValidationError(
            {"preferences": _("At most %(count)d topic wishes.") % {"count": ranks}}
        )
    if len({t.pk for t in topics}) != len(topics):
        raise ValidationError({"preferences": _("Each topic can be chosen only once.")})
    if any(t.edition_id != edition.pk for t in topics):
        raise ValidationError({"preferences": _("Please choose topics of this event.")})
    _set_preferences(registration, topics)
    return registration


@transaction.atomic
def delete_registration(*, registration: Registration) -> None:
    """Erase a person's registration (GDPR): the row, its wishes and the emails queued or sent
    to them for this edition. A freed seat goes to the waitlist."""
    edition, registration = _lock(registration)
    freed_seat = registration.status == Status.REGISTERED
    emails.forget_emails(registration=registration)
    announce_erasure(edition=edition, names=[registration.name])
    registration.delete()
    if freed_seat:
        promote_from_waitlist(edition=edition)
        _retire_pages_if_seats_opened(edition)


def _retire_pages_if_seats_opened(edition: Edition) -> None:
    """A seat freed and nobody waiting took it: the page no longer announces the waitlist."""
    if edition.capacity is not None and free_seats(edition):
        retire_public_pages()


def export_registration_data(*, registration: Registration) -> dict:
    """Everything stored about one registration, for the person's own download (GDPR)."""
    circle = registration.circle
    return {
        "edition": {"slug": registration.edition.slug, "title": registration.edition.title},
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organization": registration.organization_name,
        "sector": registration.sector.slug,
        "preferences": [p.topic.slug for p in registration.preferences.select_related("topic")],
        "can_moderate": registration.can_moderate,
        "can_take_notes": registration.can_take_notes,
        "joins_get_together": registration.joins_get_together,
        "accessibility_needs": registration.accessibility_needs,
        "consent_privacy_at": _iso(registration.consent_privacy_at),
        "privacy_notice_version": registration.privacy_notice_version,
        "public_listing": registration.public_listing,
        "newsletter": registration.newsletter,
        "language": registration.language,
        "source": registration.source,
        "created_at": _iso(registration.created_at),
        "confirmed_at": _iso(registration.confirmed_at),
        "cancelled_at": _iso(registration.cancelled_at),
        "checked_in_at": _iso(registration.checked_in_at),
        "circle": circle.name if circle else None,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def expire_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete registrations nobody confirmed within KLIMAKREISE_CONFIRMATION_HOURS."""
    now = now or timezone.now()
    limit = now - timedelta(hours=settings.KLIMAKREISE_CONFIRMATION_HOURS)
    expired = Registration.objects.filter(status=Status.PENDING, created_at__lt=limit)
    count = 0
    for registration in expired:
        emails.forget_emails(registration=registration)
        registration.delete()
        count += 1
    return count


# What the reminder shows (subject, text, .ics; see email/_event.txt and calendar.py) or when it
# goes out. The series title is shown too, but it changes with the series, not the edition.
REMINDER_FIELDS = frozenset({"title", "slug", "start", "end", "venue", "online_room_url"})


@transaction.atomic
def follow_edition_change(*, edition: Edition, changed) -> None:
    """Bring registrations in line with organizers' change of the edition (`changed`: the names
    of the changed fields). Called through editions.services.edition_changed, which sends the
    edition saved and locked in the same transaction."""
    # Reminders first: people moved up below get their first reminder already rendered anew.
    if REMINDER_FIELDS.intersection(changed):
        reschedule_reminders(edition=edition)
    if "capacity" in changed:
        # Raised or removed: the new seats go to the waitlist in order. Lowered: no seat is
        # free, so nobody moves up (and nobody registered is moved down).
        promote_from_waitlist(edition=edition)


@transaction.atomic
def reschedule_reminders(*, edition: Edition) -> None:
    """Queue the reminders of the edition's registered people anew, rendered in each person's
    language with the edition as it is now and timed by its start, like schedule_reminder.

    A reminder that went out (or is going out, or failed) stays as it is: its key is taken, so
    schedule_reminder queues nothing more for that person. Someone registered without any
    reminder (confirmed after the old start, or an organizer replaced the address) gets one."""
    # The edition lock first, then the registrations, in the order _lock takes them: a
    # concurrent cancellation waits for the edition, an organizer's change of an address waits
    # for the row, so no reminder is queued here for someone who just left or an old address.
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    registered = Registration.objects.select_for_update().filter(
        edition=edition, status=Status.REGISTERED, anonymized_at__isnull=True
    )
    for registration in registered.order_by("pk"):
        registration.edition = edition  # one edition (and series) for all the renderings
        # Withdraw, then queue under the same key: at most one reminder per person stays.
        emails.withdraw_reminder(registration=registration)
        schedule_reminder(registration=registration)


def schedule_reminder(*, registration: Registration) -> None:
    """Queue the reminder (with an .ics) for KLIMAKREISE_REMINDER_DAYS before the start; once
    per registration. Nothing is queued for an edition that has already begun."""
    edition = registration.edition
    if edition.start <= timezone.now():
        return
    send_after = edition.start - timedelta(days=settings.KLIMAKREISE_REMINDER_DAYS)
    emails.send_reminder(registration=registration, send_after=max(send_after, timezone.now()))
