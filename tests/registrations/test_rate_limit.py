"""The registration rate limit: one shared, atomic counter per client address and time window."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import RequestFactory

from klimakreise.core.models import RateLimitHit
from klimakreise.registrations import ratelimit

pytestmark = pytest.mark.django_db


def post_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_each_client_address_has_its_own_counter(settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "2/m"
    first = [ratelimit.over_registration_limit(post_from("192.0.2.1")) for _ in range(3)]
    other = ratelimit.over_registration_limit(post_from("192.0.2.2"))
    assert first == [False, False, True]
    assert other is False


def test_behind_a_proxy_each_client_has_its_own_counter(settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "1/m"
    settings.TRUSTED_PROXY_COUNT = 1

    def via_proxy(client):
        return RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client)

    assert ratelimit.over_registration_limit(via_proxy("198.51.100.1")) is False
    assert ratelimit.over_registration_limit(via_proxy("198.51.100.2")) is False
    assert ratelimit.over_registration_limit(via_proxy("9.9.9.9, 198.51.100.1")) is True


def test_the_counter_stores_no_address_in_the_clear():
    ratelimit.over_registration_limit(post_from("192.0.2.7"))
    hit = RateLimitHit.objects.get()
    assert "192.0.2.7" not in hit.client
    assert hit.hits == 1


def test_a_new_window_starts_counting_again_and_drops_windows_that_are_over(settings, monkeypatch):
    settings.KLIMAKREISE_REGISTRATION_RATE = "1/m"
    monkeypatch.setattr("time.time", lambda: 1_000_000_000)
    assert ratelimit.over_registration_limit(post_from("192.0.2.1")) is False
    assert ratelimit.over_registration_limit(post_from("192.0.2.1")) is True
    monkeypatch.setattr("time.time", lambda: 1_000_000_000 + 60)
    assert ratelimit.over_registration_limit(post_from("192.0.2.1")) is False
    assert RateLimitHit.objects.count() == 1  # the finished window is gone


def test_ipv6_clients_are_counted_per_64_network(settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "1/m"
    ratelimit.over_registration_limit(post_from("2001:db8::1"))
    assert ratelimit.over_registration_limit(post_from("2001:db8::2")) is True


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share one in-memory SQLite database"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_lose_no_count_on_postgresql(settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "20/m"

    def five_posts(_):
        try:
            return [ratelimit.over_registration_limit(post_from("192.0.2.9")) for _ in range(5)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        answers = [a for batch in pool.map(five_posts, range(8)) for a in batch]
    assert RateLimitHit.objects.get().hits == 40
    assert answers.count(False) == 20  # exactly the limit got through


@pytest.mark.skipif(connection.vendor != "postgresql", reason="unlogged tables of PostgreSQL")
def test_the_counters_are_kept_without_write_ahead_log_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpersistence FROM pg_class WHERE relname = %s",
            [RateLimitHit._meta.db_table],
        )
        assert cursor.fetchone() == ("u",)  # unlogged: a commit does not wait for the disk
