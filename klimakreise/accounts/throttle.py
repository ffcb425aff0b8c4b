"""Failed-login limits per account and per client address, counted atomically in the database.

An attempt is counted BEFORE the password is checked: `reserve_attempt` raises both counters
in one transaction, and only if both are below LOGIN_FAILURE_LIMIT. The raise is a single
conditional UPDATE (`attempts < limit`), which PostgreSQL re-checks on the row once a concurrent
transaction holding it commits and SQLite runs one writer at a time, so N concurrent wrong
passwords are never more than the limit of hashed attempts and counted failures. (Checking
first and counting after the hash, as a cache counter did, let concurrent requests all pass
the check.) A successful login gives its slot back: the account's counter starts afresh, the
address's drops by one. The account counter is locked before the address counter in every
transaction, so two reservations cannot wait for each other.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from klimakreise.accounts.models import LoginAttemptCounter


class _Blocked(Exception):
    """One counter is at the limit: roll back the other one's raise."""


def account_key(email: str) -> str:
    return "acct:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def address_key(address: str) -> str:
    return f"addr:{address}"


def reserve_attempt(*, email: str, address: str) -> bool:
    """Count one login attempt for the account and the address; False (nothing counted) if
    either has used up its attempts in the current window."""
    now = timezone.now()
    try:
        with transaction.atomic():
            for key in (account_key(email), address_key(address)):
                if not _raise(key, now=now):
                    raise _Blocked
    except _Blocked:
        return False
    return True


def record_success(*, email: str, address: str) -> None:
    """The reserved attempt logged in: the account starts afresh, the address gets it back."""
    with transaction.atomic():
        LoginAttemptCounter.objects.filter(key=account_key(email)).delete()
        LoginAttemptCounter.objects.filter(key=address_key(address)).update(
            attempts=Greatest(F("attempts") - 1, Value(0))
        )


def delete_expired_counters() -> int:
    """Scheduled job: delete counters whose window is over (their next attempt would reset
    them anyway); the number deleted."""
    cutoff = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    deleted, _ = LoginAttemptCounter.objects.filter(window_start__lte=cutoff).delete()
    return deleted


def _raise(key: str, *, now) -> bool:
    """Add one attempt to `key` if below the limit (a window that is over starts afresh)."""
    expired = now - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    for _ in range(2):  # a second round only if a concurrent first attempt inserted the row
        raised = LoginAttemptCounter.objects.filter(
            Q(key=key), Q(window_start__lte=expired) | Q(attempts__lt=settings.LOGIN_FAILURE_LIMIT)
        ).update(
            attempts=Case(
                When(window_start__lte=expired, then=Value(1)), default=F("attempts") + 1
            ),
            window_start=Case(
                When(window_start__lte=expired, then=Value(now)), default=F("window_start")
            ),
        )
        if raised:
            return True
        if LoginAttemptCounter.objects.filter(key=key).exists():
            return False  # at the limit
        try:
            with transaction.atomic():
                LoginAttemptCounter.objects.create(key=key, window_start=now, attempts=1)
            return True
        except IntegrityError:
            continue
    return False
