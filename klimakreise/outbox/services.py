"""Queue emails in the outbox; `klimakreise worker` delivers them (klimakreise/outbox/worker.py).

Queuing only writes rows, inside the caller's transaction: if the caller's change rolls back,
its email is never sent either. Use `key` for messages that must be queued at most once.
"""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klimakreise.outbox.models import OutboxAttachment, OutboxEmail

Attachment = tuple[str, bytes, str]  # (filename, content, mimetype)


def send_templated_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    attachments: Sequence[Attachment] = (),
    send_after: datetime | None = None,
    key: str | None = None,
    edition=None,
) -> OutboxEmail:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html`, queue one email.

    The subject and text templates are rendered without HTML escaping ("Müller & Söhne" stays
    as it is); the HTML template escapes as usual. A second call with the same key returns the
    first row and neither renders nor queues anything.
    """
    if key and (existing := OutboxEmail.objects.filter(key=key).first()):
        return existing
    with translation.override(language):
        subject = _render_plain(f"{template}_subject.txt", context)
        text = _render_plain(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return queue_email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        attachments=attachments,
        send_after=send_after,
        key=key,
        edition=edition,
        language=language,
    )


def queue_email(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments: Sequence[Attachment] = (),
    send_after: datetime | None = None,
    key: str | None = None,
    edition=None,
    language: str = "de",
) -> OutboxEmail:
    """Queue an already rendered email; idempotent per `key` like send_templated_email."""
    _validate_recipient(to)
    if key and (existing := OutboxEmail.objects.filter(key=key).first()):
        return existing
    try:
        # A savepoint only where a concurrent insert of the same key can fail; without a key
        # the email and its attachments just join the caller's transaction (or get their own).
        with transaction.atomic(savepoint=bool(key)):
            email = OutboxEmail.objects.create(
                to=to,
                # Mail headers cannot contain line breaks; templates often end with one.
                subject=" ".join(subject.split()),
                text=text,
                html=html,
                language=language,
                edition=edition,
                key=key or None,
                send_after=send_after,
                next_attempt_at=send_after or timezone.now(),
            )
            if attachments:  # most emails have none; bulk_create costs even then
                OutboxAttachment.objects.bulk_create(
                    OutboxAttachment(email=email, filename=name, content=content, mimetype=mimetype)
                    for name, content, mimetype in attachments
                )
    except IntegrityError:
        # Another process queued the same key between our check and our insert.
        if key and (existing := OutboxEmail.objects.filter(key=key).first()):
            return existing
        raise
    return email


def retry_email(*, email: OutboxEmail) -> bool:
    """Queue a failed email again right away, with a fresh set of attempts.

    Returns False (and changes nothing) when the email is not failed (any more).
    """
    with transaction.atomic():
        updated = OutboxEmail.objects.filter(pk=email.pk, status=OutboxEmail.Status.FAILED).update(
            status=OutboxEmail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
    return updated == 1


def withdraw_queued_email(*, key: str) -> None:
    """Drop an email that has not gone out yet (e.g. a reminder after a cancellation)."""
    OutboxEmail.objects.filter(key=key, status=OutboxEmail.Status.QUEUED).delete()


def forget_recipient(*, edition_id: int, to: str) -> None:
    """Erase every email to one address about one edition: they hold name, address and link."""
    OutboxEmail.objects.filter(edition_id=edition_id, to=to).delete()


def _render_plain(name: str, context: dict) -> str:
    # Emails are Django templates; plain text is rendered with escaping off.
    return get_template(name).template.render(Context(context, autoescape=False))


def _validate_recipient(to: str) -> None:
    try:
        validate_email(to)
    except ValidationError as invalid:
        raise ValidationError(
            {"to": _("“%(value)s” is not a valid email address.") % {"value": to}}
        ) from invalid
