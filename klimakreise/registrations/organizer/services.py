"""Writes that only organizers make: registrations by hand or by import, edits, check-in and
messages. Every function runs in one transaction.

Anything with waitlist logic (confirming, cancelling, promoting) goes through
klimakreise.registrations.services, the participant side's services.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimakreise.core.cache import retire_public_pages
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.services import send_templated_email
from klimakreise.registrations import services
from klimakreise.registrations.emails import forget_emails
from klimakreise.registrations.links import personal_url
from klimakreise.registrations.models import Registration
from klimakreise.registrations.services import RegistrationData, normalize_email

Status = Registration.Status
Source = Registration.Source

# privacy_notice_version of registrations whose consent an organizer recorded (by hand, import).
CONSENT_BY_ORGANIZER = "by organizer"
PERSONAL_LINK_PLACEHOLDER = "{personal_link}"
NAME_PLACEHOLDER = "{name}"


# Registration fields an organizer edits as they are (no lookups, no normalizing).
PLAIN_FIELDS = (
    "can_moderate",
    "can_take_notes",
    "joins_get_together",
    "accessibility_needs",
    "public_listing",
    "newsletter",
    "language",
)


class EmailChoice(models.TextChoices):
    NONE = "none", gettext_lazy("No email now (they still get the reminder before the event)")
    NOTIFY = (
        "notify",
        gettext_lazy("Tell them they are registered or waitlisted, with their personal link"),
    )
    CONFIRM = (
        "confirm",
        gettext_lazy("Send a confirmation request (double opt-in); they count once they confirm"),
    )


class DuplicateRegistration(Exception):
    """Someone with this email address is already registered for the edition."""

    def __init__(self, email: str):
        super().__init__(email)
        self.email = email


class EditConflict(Exception):
    """The registration changed since the organizer opened it."""


@transaction.atomic
def add_registration(
    *, edition, data: RegistrationData, emails: str = EmailChoice.NONE, source=Source.ORGANIZER
) -> Registration:
    """A registration entered by organizers, consent recorded "by organizer" now. Confirmed
    directly (registered or waitlisted) unless `emails` asks for the double opt-in."""
    registration, created = services.register(
        edition=edition, data=data, source=source, send_confirmation=emails == EmailChoice.CONFIRM
    )
    if not created:  # rolls back the fresh link register() just queued for the existing one
        raise DuplicateRegistration(registration.email)
    registration.consent_privacy_at = timezone.now()
    registration.privacy_notice_version = CONSENT_BY_ORGANIZER
    registration.save(update_fields=["consent_privacy_at", "privacy_notice_version"])
    if emails == EmailChoice.NOTIFY:
        return services.confirm_registration(registration=registration)
    if emails == EmailChoice.NONE:
        return services.confirm_registration(registration=registration, notify=False)
    return registration


@transaction.atomic
def import_registrations(
    *, edition, rows: list[RegistrationData], emails: str = EmailChoice.NONE
) -> list[Registration]:
    """All rows or none: one duplicate (e.g. someone registered meanwhile) undoes the import."""
    return [
        add_registration(edition=edition, data=data, emails=emails, source=Source.IMPORT)
        for data in rows
    ]


def edit_fingerprint(registration: Registration) -> str:
    """A short hash of what the edit form shows; it changes whenever someone saves a change."""
    values = [
        getattr(registration, name)
        for name in ("name", "email", "organization_name", "sector_id", *PLAIN_FIELDS, "status")
    ]
    wishes = list(registration.preferences.order_by("rank").values_list("topic_id", flat=True))
    payload = json.dumps([values, wishes], default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@transaction.atomic
def update_registration(
    *, registration: Registration, data: RegistrationData, fingerprint: str
) -> Registration:
    """Save an organizer's edit, unless someone else saved one since the form was opened."""
    # The edition first, then the registration: the order every writer takes (services._lock),
    # so that this edit and a change of the edition cannot wait for each other.
    services.lock_edition(edition_id=registration.edition_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if edit_fingerprint(locked) != fingerprint:
        raise EditConflict
    email = normalize_email(data.email)
    others = Registration.objects.filter(
        edition_id=locked.edition_id, email=email, anonymized_at__isnull=True
    ).exclude(pk=locked.pk)
    if email != locked.email and others.exists():
        raise ValidationError(
            {"email": _("Another registration of this edition has this email address.")}
        )
    wishes_before = list(locked.preferences.order_by("rank").values_list("topic_id", flat=True))
    listed_before = (locked.name, locked.public_listing)
    if email != locked.email:
        # Emails and links sent to the old address must not outlive it.
        forget_emails(registration=locked)
        locked.link_version += 1
    locked.name, locked.email = data.name, email
    locked.organization_name = data.organization_name
    locked.organization = services.known_organization(locked.edition, data.organization_name)
    locked.sector = data.sector
    for name in PLAIN_FIELDS:
        setattr(locked, name, getattr(data, name))
    locked.save()
    if (locked.name, locked.public_listing) != listed_before:
        retire_public_pages()  # who may be named on public pages changed
    if [topic.pk for topic in data.topics] != wishes_before:
        services.change_preferences(registration=locked, topics=data.topics)
    if email != registration.email and locked.status == Registration.Status.REGISTERED:
        services.schedule_reminder(registration=locked)  # the old address's one was erased
    return locked


@transaction.atomic
def set_checked_in(*, registration: Registration, checked_in: bool) -> Registration:
    """Check a person in (or undo it). Setting the state it already has changes nothing, so a
    double click or two organizers at two doors keep the first check-in time."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if checked_in and locked.checked_in_at is None:
        locked.checked_in_at = timezone.now()
        locked.save(update_fields=["checked_in_at"])
    elif not checked_in and locked.checked_in_at is not None:
        locked.checked_in_at = None
        locked.save(update_fields=["checked_in_at"])
    return locked


def personalize(text: str, recipient, *, link: str | None = None) -> str:
    """Fill in the placeholders of an organizer's message for one person (`link` stands in for
    the personal link, e.g. in a preview that must not show a working one). A person without a
    registration (a moderator's account) has no personal link: the placeholder becomes empty."""
    text = text.replace(NAME_PLACEHOLDER, recipient.name)
    if PERSONAL_LINK_PLACEHOLDER in text:
        if link is None:
            link = personal_url(recipient.registration) if recipient.registration else ""
        text = text.replace(PERSONAL_LINK_PLACEHOLDER, link)
    return text


def _message_key_prefix(message_id: str) -> str:
    return f"organizer-message:{message_id}:"


def _message_key(message_id: str, recipient) -> str:
    if recipient.registration is not None:
        return _message_key_prefix(message_id) + str(recipient.registration.pk)
    # An address can be longer than the key column: its hash names the person instead.
    digest = hashlib.sha256(recipient.email.strip().lower().encode()).hexdigest()[:32]
    return _message_key_prefix(message_id) + "to:" + digest


@transaction.atomic
def send_message(*, edition, recipients, subject: str, body: str, message_id: str) -> int:
    """Queue one email per recipient (see recipients.message_recipients); the same message_id
    never queues a person twice (a double submit sends nothing more). Returns how many were
    newly queued."""
    already = set(
        OutboxEmail.objects.filter(key__startswith=_message_key_prefix(message_id)).values_list(
            "key", flat=True
        )
    )
    queued = 0
    for recipient in recipients:
        key = _message_key(message_id, recipient)
        if not recipient.email or key in already:
            continue
        already.add(key)
        send_templated_email(
            to=recipient.email,
            template="registrations/organizer/email/message",
            context={
                "edition": edition,
                "registration": recipient.registration,
                "subject": personalize(subject, recipient),
                "body": personalize(body, recipient),
            },
            language=recipient.language or settings.LANGUAGE_CODE,
            key=key,  # also guards against two submits racing each other
            edition=edition,
        )
        queued += 1
    return queued
