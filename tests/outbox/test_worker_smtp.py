"""The worker against a real SMTP server process on localhost (aiosmtpd)."""

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from klimakreise.outbox.delivery import claim_next, retry_delay
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.services import queue_email, retry_email
from klimakreise.outbox.worker import process_due

from .factories import OutboxEmailFactory


def run_worker_once() -> str:
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    return out.getvalue()


def make_due(email: OutboxEmail) -> None:
    """Move a retry's time into the past instead of waiting for it."""
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())


@pytest.mark.django_db
def test_worker_delivers_subject_text_html_and_attachment(smtp_server):
    email = queue_email(
        to="teilnahme@example.org",
        subject="Ihre Anmeldung",
        text="Bitte bestätigen: https://klimakreise.test/r/abc",
        html="<p>Bitte <a href='https://klimakreise.test/r/abc'>bestätigen</a></p>",
        attachments=[("termin.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )

    assert "Sent 1 email(s)." in run_worker_once()

    [message] = smtp_server.messages
    assert message["Subject"] == "Ihre Anmeldung"
    assert message["To"] == "teilnahme@example.org"
    assert message.get_body(("plain",)).get_content().startswith("Bitte bestätigen")
    assert "<a href='https://klimakreise.test/r/abc'>" in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "termin.ics"
    assert attachment.get_content_type() == "text/calendar"
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.sent_at is not None
    assert email.attempts == 1


@pytest.mark.django_db
def test_running_once_twice_sends_each_email_once(smtp_server):
    OutboxEmailFactory.create_batch(3)

    run_worker_once()
    run_worker_once()

    assert sorted(smtp_server.subjects()) == sorted(
        OutboxEmail.objects.values_list("subject", flat=True)
    )
    assert len(smtp_server.messages) == 3


@pytest.mark.django_db
def test_email_scheduled_for_later_waits(smtp_server):
    queue_email(
        to="a@example.org",
        subject="Erinnerung",
        text="x",
        send_after=timezone.now() + timedelta(hours=1),
    )

    run_worker_once()

    assert smtp_server.messages == []
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.QUEUED


@pytest.mark.django_db
def test_refusing_server_backs_off_then_delivers_when_it_recovers(smtp_server):
    smtp_server.refuse = "451 4.3.0 try later"
    email = OutboxEmailFactory()

    before = timezone.now()
    run_worker_once()

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED
    assert email.attempts == 1
    assert "451" in email.last_error
    assert email.next_attempt_at >= before + timedelta(minutes=1)
    run_worker_once()  # not due yet: nothing happens
    email.refresh_from_db()
    assert email.attempts == 1

    make_due(email)
    run_worker_once()
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at >= timezone.now() + timedelta(minutes=4)

    smtp_server.refuse = None
    make_due(email)
    run_worker_once()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.last_error == ""
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_closed_port_fails_after_max_attempts(closed_smtp_port, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = OutboxEmailFactory()

    for _ in range(3):
        make_due(email)
        run_worker_once()

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == 3
    assert "ConnectionRefusedError" in email.last_error
    make_due(email)
    run_worker_once()
    email.refresh_from_db()
    assert email.attempts == 3  # a failed email is not tried again by itself


def test_retry_delay_grows_exponentially_and_is_capped():
    assert [retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=25),
    ]
    assert retry_delay(50) == timedelta(hours=12)


@pytest.mark.django_db
def test_email_stuck_in_sending_is_marked_failed_after_the_timeout_never_sent_twice(
    smtp_server, settings
):
    settings.OUTBOX_SENDING_TIMEOUT = 600
    email = OutboxEmailFactory()
    claimed = claim_next()  # a worker claimed it and then died before sending
    assert claimed.pk == email.pk

    run_worker_once()
    assert smtp_server.messages == []  # another worker must not take a row in flight

    OutboxEmail.objects.filter(pk=email.pk).update(
        sending_since=timezone.now() - timedelta(seconds=601)
    )
    run_worker_once()

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert "stopped while sending" in email.last_error
    assert smtp_server.messages == []  # it may have gone out before the crash

    assert retry_email(email=email) is True  # an organizer who checked sends it again
    run_worker_once()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(smtp_server.messages) == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent workers need PostgreSQL row locks"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_deliver_each_email_exactly_once(smtp_server):
    emails = OutboxEmailFactory.create_batch(30)
    start = threading.Barrier(4)
    errors = []

    def worker():
        try:
            start.wait()
            process_due()
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(smtp_server.subjects()) == sorted(email.subject for email in emails)
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {1}
