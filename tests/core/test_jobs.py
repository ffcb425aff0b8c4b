"""Periodic jobs: one static list in the settings, run once per due time across workers."""

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.utils import timezone

from klimakreise.core.jobs import Job, run_due_jobs, scheduled_jobs
from klimakreise.core.models import JobRun
from klimakreise.registrations.retention import apply_retention
from klimakreise.registrations.services import expire_unconfirmed


@pytest.mark.django_db
def test_due_job_runs_once_and_is_scheduled_for_later():
    calls = []
    count = [Job(name="count", func=lambda: calls.append(1), every=timedelta(hours=1))]
    now = timezone.now()

    assert run_due_jobs(now=now, jobs=count) == ["count"]
    assert run_due_jobs(now=now, jobs=count) == []  # a second worker at the same moment
    assert run_due_jobs(now=now + timedelta(minutes=59), jobs=count) == []
    assert run_due_jobs(now=now + timedelta(hours=1), jobs=count) == ["count"]

    assert len(calls) == 2
    run = JobRun.objects.get(name="count")
    assert run.next_run_at == now + timedelta(hours=2)
    assert run.last_finished_at is not None


@pytest.mark.django_db
def test_failing_job_records_its_error_and_does_not_stop_others():
    calls = []

    def broken():
        raise RuntimeError("database of the city is down")

    jobs = [
        Job(name="broken", func=broken, every=timedelta(days=1)),
        Job(name="fine", func=lambda: calls.append(1), every=timedelta(days=1)),
    ]

    assert run_due_jobs(jobs=jobs) == ["broken", "fine"]

    assert "database of the city is down" in JobRun.objects.get(name="broken").last_error
    assert JobRun.objects.get(name="fine").last_error == ""
    assert calls == [1]


def test_the_scheduled_jobs_are_expiry_hourly_and_retention_daily():
    jobs = {job.name: job for job in scheduled_jobs()}

    assert jobs["expire_registrations"].func is expire_unconfirmed
    assert jobs["expire_registrations"].every == timedelta(hours=1)
    assert jobs["anonymize_registrations"].func is apply_retention
    assert jobs["anonymize_registrations"].every == timedelta(days=1)


@pytest.mark.django_db
def test_the_worker_runs_the_jobs_of_the_settings(settings):
    settings.SCHEDULED_JOBS = [
        ("expire", "klimakreise.registrations.services.expire_unconfirmed", 60)
    ]

    assert run_due_jobs() == ["expire"]
    assert JobRun.objects.get(name="expire").last_error == ""


@pytest.mark.parametrize(
    ("job", "message"),
    [
        (
            ("typo", "klimakreise.registrations.services.expire_unconfirmd", 60),
            "cannot be imported",
        ),
        (("never", "klimakreise.registrations.services.expire_unconfirmed", 0), "positive"),
    ],
)
def test_a_job_that_cannot_run_stops_the_start_with_a_clear_error(settings, job, message):
    settings.SCHEDULED_JOBS = [job]

    errors = [e for e in run_checks() if e.id == "klimakreise.E005"]

    assert len(errors) == 1 and message in errors[0].msg
