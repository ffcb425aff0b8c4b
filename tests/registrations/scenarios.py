"""Concurrent cancellations and confirmations with real threads and database connections.

Used in-process on PostgreSQL (test_concurrency.py) and, because an in-memory SQLite test
database cannot show real locking, in a subprocess against a SQLite file:

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m tests.registrations.scenarios
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone


def _in_thread(func):
    def run(*args):
        try:
            return func(*args)
        finally:
            connection.close()

    return run


def make_edition(*, capacity: int, registered: int, waitlisted: int, pending: int):
    from klimakreise.registrations.models import Registration
    from tests.registrations.factories import OpenEditionFactory, RegistrationFactory

    edition = OpenEditionFactory(capacity=capacity)
    start = timezone.now() - timedelta(hours=1)
    for index in range(registered + waitlisted + pending):
        if index < registered:
            status = Registration.Status.REGISTERED
        elif index < registered + waitlisted:
            status = Registration.Status.WAITLISTED
        else:
            status = Registration.Status.PENDING
        confirmed = start + timedelta(seconds=index) if status != "pending_confirmation" else None
        RegistrationFactory(edition=edition, status=status, confirmed_at=confirmed)
    return edition


def concurrent_cancellations(edition) -> dict:
    """Everyone registered cancels at the same moment."""
    from klimakreise.outbox.models import OutboxEmail
    from klimakreise.registrations.models import Registration
    from klimakreise.registrations.services import cancel_registration

    registered = list(edition.registrations.filter(status=Registration.Status.REGISTERED))
    barrier = threading.Barrier(len(registered))

    @_in_thread
    def cancel(registration):
        barrier.wait(timeout=30)
        cancel_registration(registration=registration)

    with ThreadPoolExecutor(len(registered)) as pool:
        list(pool.map(cancel, registered))
    return _outcome(edition) | {
        "moved_up_emails": sorted(
            OutboxEmail.objects.filter(
                Q(subject__contains="seat is free") | Q(subject__contains="Platz ist für Sie frei")
            ).values_list("to", flat=True)
        ),
        "first_waiting": sorted(
            edition.registrations.filter(status=Registration.Status.REGISTERED).values_list(
                "email", flat=True
            )
        ),
    }


def concurrent_confirmations(edition, *, threads: int = 20) -> dict:
    from klimakreise.registrations.models import Registration
    from klimakreise.registrations.services import confirm_registration

    pending = list(edition.registrations.filter(status=Registration.Status.PENDING))
    barrier = threading.Barrier(threads)

    @_in_thread
    def confirm(chunk):
        barrier.wait(timeout=30)
        for registration in chunk:
            confirm_registration(registration=registration)

    chunks = [pending[i::threads] for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(confirm, chunks))
    return _outcome(edition)


def concurrent_same_address(edition, *, threads: int = 8) -> dict:
    """One address sent by several sign-ups at the same moment (a double-clicked button)."""
    from klimakreise.outbox.models import OutboxEmail
    from klimakreise.registrations.services import RegistrationData, register

    data = RegistrationData(
        name="Ada",
        email="ada@example.org",
        sector=edition.series.sectors.first(),
        topics=list(edition.topics.all()),
        consent_privacy=True,
    )
    barrier = threading.Barrier(threads)

    @_in_thread
    def sign_up(_):
        barrier.wait(timeout=30)
        return register(edition=edition, data=data, source="api")[1]

    with ThreadPoolExecutor(threads) as pool:
        created = list(pool.map(sign_up, range(threads)))
    stored = edition.registrations.filter(email=data.email)
    return {
        "created": created.count(True),
        "stored": stored.count(),
        "wishes": [p.rank for p in stored.get().preferences.all()],
        "emails": OutboxEmail.objects.filter(to=data.email).count(),
    }


def _outcome(edition) -> dict:
    counts = {}
    for status in edition.registrations.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return {"counts": counts}


def main() -> None:
    """Run both scenarios against the database in DATABASE_URL (after migrating it)."""
    import os

    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimakreise.settings")
    django.setup()
    call_command("migrate", verbosity=0)
    cancellations = make_edition(capacity=2, registered=2, waitlisted=3, pending=0)
    rush = make_edition(capacity=10, registered=0, waitlisted=0, pending=60)
    result = {
        "vendor": connection.vendor,
        "cancellations": concurrent_cancellations(cancellations),
        "waitlist_order": list(
            cancellations.registrations.filter(status="waitlisted")
            .order_by("confirmed_at")
            .values_list("email", flat=True)
        ),
        "rush": concurrent_confirmations(rush),
        "same_address": concurrent_same_address(
            make_edition(capacity=10, registered=0, waitlisted=0, pending=0)
        ),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
