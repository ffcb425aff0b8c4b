"""The long-running loop, its shutdown and the demo's background thread."""

import io
import os
import signal
import threading
import time

import pytest

from klimakreise.outbox.management.commands.worker import install_stop_handlers
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.services import queue_email
from klimakreise.outbox.worker import run_forever, start_background_worker

from .factories import OutboxEmailFactory


@pytest.fixture
def file_mail(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


# transaction=True: the loop closes its connection when it ends, and the rows are read after.
@pytest.mark.django_db(transaction=True)
def test_loop_asked_to_stop_sends_no_further_email_and_leaves_it_queued(mailoutbox):
    """A stop (SIGTERM) ends the pass after the email being sent, not after the whole queue:
    under a service manager's stop timeout, draining would end in SIGKILL mid-send."""
    OutboxEmailFactory.create_batch(2)
    stop = threading.Event()
    stop.set()  # e.g. SIGTERM arrived before the pass reached these emails

    run_forever(stop, poll_seconds=60)

    assert mailoutbox == []
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"queued"}


def test_sigterm_and_sigint_ask_the_loop_to_stop():
    for sig in (signal.SIGTERM, signal.SIGINT):
        stop = threading.Event()
        previous = install_stop_handlers(stop)
        try:
            os.kill(os.getpid(), sig)
            assert stop.is_set()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


@pytest.mark.django_db
def test_demo_mode_prints_subject_recipient_and_links(file_mail, capsys):
    from django.core.management import call_command

    queue_email(
        to="demo@example.org",
        subject="Bitte bestätigen Sie Ihre Anmeldung",
        text="Hier bestätigen: http://127.0.0.1:8000/r/abc123/ – danke.",
    )
    out = io.StringIO()

    call_command("worker", "--once", stdout=out)

    printed = out.getvalue()
    assert "Email to demo@example.org: Bitte bestätigen Sie Ihre Anmeldung" in printed
    assert "  http://127.0.0.1:8000/r/abc123/\n" in printed
    assert len(list(file_mail.iterdir())) == 1


@pytest.mark.django_db
def test_production_mode_prints_no_mail_content(settings, mailoutbox):
    from django.core.management import call_command

    settings.DEBUG = False
    queue_email(to="a@example.org", subject="Geheim", text="https://x.test/secret")
    out = io.StringIO()

    call_command("worker", "--once", stdout=out)

    assert "secret" not in out.getvalue()
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_background_worker_sends_queued_mail(settings, mailoutbox):
    settings.DEBUG = False
    email = queue_email(to="a@example.org", subject="Hallo", text="x")

    worker = start_background_worker(poll_seconds=60, out=io.StringIO())
    for _ in range(400):  # a stop ends the pass before the next email: wait until it went out
        if OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).exists():
            break
        time.sleep(0.05)
    worker.stop()

    assert not worker.thread.is_alive()
    assert worker.thread.daemon
    assert [message.subject for message in mailoutbox] == ["Hallo"]
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
