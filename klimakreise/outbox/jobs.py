"""Periodic jobs run by `klimakreise worker` (e.g. the daily data retention).

Apps register a job in their AppConfig.ready():

    register_job("send_reminders", send_due_reminders, every=timedelta(hours=1))

When a job is next due is stored in the database (JobRun), so any number of worker processes
agree: a worker runs a job only if it wins a compare-and-set UPDATE that moves next_run_at
forward, which exactly one worker can do per due time.
"""

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from klimakreise.outbox.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], object]
    every: timedelta


JOBS: dict[str, Job] = {}


def register_job(name: str, func: Callable[[], object], *, every: timedelta) -> None:
    if every <= timedelta(0):
        raise ValueError("A job must run at a positive interval.")
    JOBS[name] = Job(name=name, func=func, every=every)


def run_due_jobs(*, now=None) -> list[str]:
    """Run every registered job that is due and that no other worker took; their names."""
    now = now or timezone.now()
    ran = []
    for job in list(JOBS.values()):
        if claim_job(job, now=now):
            run_job(job)
            ran.append(job.name)
    return ran


def claim_job(job: Job, *, now) -> bool:
    _ensure_job_row(job.name, now=now)
    with transaction.atomic():
        won = JobRun.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=now + job.every, last_started_at=now
        )
    return won == 1


def run_job(job: Job) -> None:
    try:
        job.func()
    except Exception:  # noqa: BLE001 (one broken job must not stop the email worker)
        logger.exception("Scheduled job %s failed", job.name)
        error = traceback.format_exc()[-4000:]
    else:
        error = ""
    JobRun.objects.filter(name=job.name).update(last_finished_at=timezone.now(), last_error=error)


def _ensure_job_row(name: str, *, now) -> None:
    if JobRun.objects.filter(name=name).exists():
        return
    try:
        with transaction.atomic():
            JobRun.objects.create(name=name, next_run_at=now)
    except IntegrityError:
        pass  # another worker created it at the same moment
