from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klimakreise.outbox.models import OutboxAttachment, OutboxEmail
from klimakreise.outbox.services import queue_email, send_templated_email

pytestmark = pytest.mark.django_db

CONTEXT = {"name": "Müller & Söhne", "day": date(2026, 3, 14), "link": "https://x.test/p/1"}


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "month"),
    [
        ("de", "Willkommen, Müller & Söhne", "Guten Tag", "März"),
        ("en", "Welcome, Müller & Söhne", "Hello", "March"),
    ],
)
def test_templated_email_is_rendered_in_the_recipients_language(
    email_templates, edition, language, subject, greeting, month
):
    email = send_templated_email(
        to="a@example.org",
        template="outbox_test/greeting",
        context=CONTEXT,
        language=language,
        edition=edition,
    )

    email.refresh_from_db()
    assert email.subject == subject  # one line, whitespace collapsed, not HTML-escaped
    assert email.text.startswith(f"{greeting} Müller & Söhne,")
    assert f"14. {month} 2026" in email.text
    assert "Müller &amp; Söhne" in email.html  # the HTML part escapes as usual
    assert email.language == language
    assert email.edition == edition
    assert email.status == OutboxEmail.Status.QUEUED


def test_same_key_queues_only_once(email_templates):
    first = send_templated_email(
        to="a@example.org",
        template="outbox_test/greeting",
        context=CONTEXT,
        language="de",
        key="greeting:1",
    )
    second = send_templated_email(
        to="a@example.org",
        template="outbox_test/greeting",
        context=CONTEXT,
        language="en",
        key="greeting:1",
    )
    third = queue_email(to="b@example.org", subject="x", text="y", key="greeting:1")

    assert first.pk == second.pk == third.pk
    assert OutboxEmail.objects.count() == 1
    assert OutboxEmail.objects.get().language == "de"


def test_emails_without_key_are_all_queued():
    queue_email(to="a@example.org", subject="x", text="y")
    queue_email(to="a@example.org", subject="x", text="y")

    assert OutboxEmail.objects.count() == 2


def test_attachments_and_send_after_are_stored():
    later = timezone.now() + timedelta(days=2)
    email = queue_email(
        to="a@example.org",
        subject="Termin",
        text="Im Anhang",
        attachments=[("termin.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        send_after=later,
    )

    attachment = OutboxAttachment.objects.get(email=email)
    assert (attachment.filename, bytes(attachment.content), attachment.mimetype) == (
        "termin.ics",
        b"BEGIN:VCALENDAR",
        "text/calendar",
    )
    assert email.next_attempt_at == later


@pytest.mark.parametrize("address", ["", "not-an-address", "a@b@c"])
def test_invalid_recipient_is_refused_and_nothing_is_queued(address):
    with pytest.raises(ValidationError) as refused:
        queue_email(to=address, subject="x", text="y")

    assert "to" in refused.value.message_dict
    assert OutboxEmail.objects.count() == 0


def test_queued_email_rolls_back_with_the_callers_transaction():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="a@example.org", subject="x", text="y")
        raise RuntimeError("the caller's change failed")

    assert OutboxEmail.objects.count() == 0
