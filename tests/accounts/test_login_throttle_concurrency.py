"""Concurrent wrong passwords (real threads, real database) never get past the limit."""

import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.utils import timezone

from klimakreise.accounts.models import LoginAttemptCounter
from klimakreise.accounts.throttle import (
    account_key,
    address_key,
    delete_expired_counters,
    reserve_attempt,
)
from klimakreise.core.jobs import scheduled_jobs
from tests.factories import UserFactory

LIMIT = 5
THREADS = 12
ADDRESS = "203.0.113.7"


class LockedCountingHasher(MD5PasswordHasher):
    """A real hasher that counts, across threads, how often a password was checked."""

    calls = 0
    lock = threading.Lock()

    def encode(self, password, salt):
        with self.lock:
            type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.LockedCountingHasher"]
    settings.LOGIN_FAILURE_LIMIT = LIMIT
    settings.LOGIN_FAILURE_WINDOW = 900
    LockedCountingHasher.calls = 0


def _log_in(email: str, password: str):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=ADDRESS)
    for _attempt in range(500):
        try:
            return authenticate(request, username=email, password=password)
        except OperationalError as locked:
            # SQLite's shared in-memory test database answers "locked" at once where the file
            # database of production waits (busy timeout); the transaction was rolled back.
            if "locked" not in str(locked):
                raise
            time.sleep(0.01)
    raise AssertionError("the database stayed locked")


def _at_once(attempts: list[tuple[str, str]]) -> list:
    barrier = threading.Barrier(len(attempts))
    results, errors = [], []

    def run(email, password):
        try:
            barrier.wait(timeout=10)
            results.append(_log_in(email, password))
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def _attempts(key: str) -> int:
    return LoginAttemptCounter.objects.get(key=key).attempts


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_passwords_for_one_account_are_checked_at_most_limit_times():
    user = UserFactory(email="ada@example.org")
    LockedCountingHasher.calls = 0

    results = _at_once([(user.email, "falsch")] * THREADS)

    assert results == [None] * THREADS
    assert LockedCountingHasher.calls == LIMIT
    assert _attempts(account_key(user.email)) == LIMIT
    assert _attempts(address_key(ADDRESS)) == LIMIT


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_at_many_accounts_from_one_address_stop_at_the_limit():
    results = _at_once([(f"nobody{n}@example.org", "falsch") for n in range(THREADS)])

    assert results == [None] * THREADS
    assert LockedCountingHasher.calls == LIMIT  # unknown accounts are hashed too (timing)
    assert _attempts(address_key(ADDRESS)) == LIMIT


@pytest.mark.django_db(transaction=True)
def test_once_the_limit_is_used_up_concurrently_the_right_password_is_refused_too():
    user = UserFactory(email="ada@example.org", password="richtig")
    _at_once([(user.email, "falsch")] * THREADS)

    assert _log_in(user.email, "richtig") is None


@pytest.mark.django_db
def test_a_successful_login_gives_its_attempt_back():
    user = UserFactory(email="ada@example.org", password="richtig")
    assert _log_in(user.email, "falsch") is None
    assert _log_in(user.email, "richtig") == user

    assert not LoginAttemptCounter.objects.filter(key=account_key(user.email)).exists()
    assert _attempts(address_key(ADDRESS)) == 1  # only the failure counts


@pytest.mark.django_db
def test_a_window_that_is_over_starts_afresh():
    for _ in range(LIMIT):
        assert reserve_attempt(email="ada@example.org", address=ADDRESS)
    assert not reserve_attempt(email="ada@example.org", address=ADDRESS)

    LoginAttemptCounter.objects.update(window_start=timezone.now() - timedelta(seconds=901))

    assert reserve_attempt(email="ada@example.org", address=ADDRESS)
    assert _attempts(account_key("ada@example.org")) == 1


@pytest.mark.django_db
def test_a_blocked_address_does_not_count_against_the_account():
    for n in range(LIMIT):
        reserve_attempt(email=f"nobody{n}@example.org", address=ADDRESS)

    assert not reserve_attempt(email="ada@example.org", address=ADDRESS)

    assert not LoginAttemptCounter.objects.filter(key=account_key("ada@example.org")).exists()


@pytest.mark.django_db
def test_the_cleanup_job_deletes_only_counters_whose_window_is_over():
    reserve_attempt(email="alt@example.org", address="198.51.100.1")
    LoginAttemptCounter.objects.update(window_start=timezone.now() - timedelta(seconds=901))
    reserve_attempt(email="neu@example.org", address="198.51.100.2")

    assert delete_expired_counters() == 2

    assert set(LoginAttemptCounter.objects.values_list("key", flat=True)) == {
        account_key("neu@example.org"),
        address_key("198.51.100.2"),
    }


def test_the_cleanup_job_is_scheduled():
    assert delete_expired_counters in [job.func for job in scheduled_jobs()]
