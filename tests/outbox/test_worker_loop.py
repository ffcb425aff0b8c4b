"""The long-running loop, its shutdown, the demo's background thread and periodic jobs."""

import io
import os
import signal
import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from klimakreise.outbox import jobs
from klimakreise.outbox.management.commands.worker import install_stop_handlers
from klimakreise.outbox.models import JobRun, OutboxEmail
from klimakreise.outbox.services import queue_email
from klimakreise.outbox.worker import run_forever, start_background_worker

from .factories import OutboxEmailFactory


@pytest.fixture
def job_registry(monkeypatch):
    """An empty job registry for the test, restored afterwards."""
    monkeypatch.setattr(jobs, "JOBS", {})
    return jobs.JOBS


@pytest.fixture
def file_mail(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


@pytest.mark.django_db
def test_loop_finishes_its_pass_and_stops_when_asked(mailoutbox):
    OutboxEmailFactory.create_batch(2)
    stop = threading.Event()
    stop.set()  # e.g. SIGTERM arrived during the pass

    run_forever(stop, poll_seconds=60)

    assert len(mailoutbox) == 2


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
    worker.stop()  # the loop always completes its first pass before it looks at stop

    assert not worker.thread.is_alive()
    assert worker.thread.daemon
    assert [message.subject for message in mailoutbox] == ["Hallo"]
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT


@pytest.mark.django_db
def test_due_job_runs_once_and_is_scheduled_for_later(job_registry):
    calls = []
    jobs.register_job("count", lambda: calls.append(1), every=timedelta(hours=1))
    now = timezone.now()

    assert jobs.run_due_jobs(now=now) == ["count"]
    assert jobs.run_due_jobs(now=now) == []  # a second worker at the same moment
    assert jobs.run_due_jobs(now=now + timedelta(minutes=59)) == []
    assert jobs.run_due_jobs(now=now + timedelta(hours=1)) == ["count"]

    assert len(calls) == 2
    run = JobRun.objects.get(name="count")
    assert run.next_run_at == now + timedelta(hours=2)
    assert run.last_finished_at is not None


@pytest.mark.django_db
def test_failing_job_records_its_error_and_does_not_stop_others(job_registry):
    calls = []

    def broken():
        raise RuntimeError("database of the city is down")

    jobs.register_job("broken", broken, every=timedelta(days=1))
    jobs.register_job("fine", lambda: calls.append(1), every=timedelta(days=1))

    assert jobs.run_due_jobs() == ["broken", "fine"]

    assert "database of the city is down" in JobRun.objects.get(name="broken").last_error
    assert JobRun.objects.get(name="fine").last_error == ""
    assert calls == [1]


def test_job_interval_must_be_positive(job_registry):
    with pytest.raises(ValueError, match="positive"):
        jobs.register_job("never", lambda: None, every=timedelta(0))


def test_retention_job_is_registered_daily():
    assert jobs.JOBS["anonymize_registrations"].every == timedelta(days=1)
