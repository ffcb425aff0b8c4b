"""Periodic jobs run by `klimakreise worker` (e.g. the daily data retention).

The jobs are one static list, `settings.SCHEDULED_JOBS`: a name, the dotted path of a function
that takes no arguments, and the interval in seconds.

When a job is next due is stored in the database (JobRun), so any number of worker processes
agree: a worker runs a job only if it wins a compare-and-set UPDATE that moves next_run_at
forward, which exactly one worker can do per due time.
"""

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from klimakreise.core.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], object]
    every: timedelta


def scheduled_jobs() -> list[Job]:
    """The jobs of settings.SCHEDULED_JOBS (their paths and intervals are checked at start by
    the system check klimakreise.E005)."""
    return [
        Job(name=name, func=import_string(path), every=timedelta(seconds=seconds))
        for name, path, seconds in settings.SCHEDULED_JOBS
    ]


def run_due_jobs(*, now=None, jobs: list[Job] | None = None) -> list[str]:
    """Run every scheduled job that is due and that no other worker took; their names."""
    now = now or timezone.now()
    ran = []
    for job in scheduled_jobs() if jobs is None else jobs:
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
