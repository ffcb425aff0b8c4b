"""One rate limit per client address for the registration form and API together.

The counter is one row per client and time window in a small table, bumped by a single atomic
upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING, PostgreSQL and SQLite alike). So every app
process sees the same count, concurrent requests never lose an increment, and a request costs one
statement; django-ratelimit on the database cache took eleven statements with its own commit and
was not atomic. The rate uses django-ratelimit's syntax ("20/m", "100/5m", "1000/h").
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.db import connection

# django-ratelimit's own parsing, so the rate syntax stays as documented there.
from django_ratelimit.core import _split_rate

from klimakreise.core.client import client_network
from klimakreise.registrations.models import RateLimitHit

GROUP = "registrations"


def over_registration_limit(request) -> bool:
    """Count this request and say whether the client is over KLIMAKREISE_REGISTRATION_RATE."""
    limit, period = _split_rate(settings.KLIMAKREISE_REGISTRATION_RATE)
    now = int(time.time())
    window_end = now - now % period + period
    hits = _count_hit(_client_key(request), window_end)
    if hits == 1:  # the client's first request in a new window: drop windows that are over
        RateLimitHit.objects.filter(window_end__lte=now).delete()
    return hits > limit


def _client_key(request) -> str:
    # A keyed hash, so the table never holds an address in the clear.
    address = f"{GROUP}:{client_network(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:40]


def _count_hit(client: str, window_end: int) -> int:
    table = connection.ops.quote_name(RateLimitHit._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (client, window_end, hits) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (client, window_end) DO UPDATE SET hits = {table}.hits + 1 "
            "RETURNING hits",
            [client, window_end],
        )
        return cursor.fetchone()[0]
