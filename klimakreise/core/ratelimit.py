"""Rate limits per client address or per person, shared by every app process (registrations,
export builds, board changes).

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
from klimakreise.core.models import RateLimitHit


def over_rate_limit(request, *, group: str, rate: str, person: str = "") -> bool:
    """Count this request in `group` and say whether its client is over `rate`.

    The client is the request's address, or `person` when given (an opaque key of an account or
    a personal link): where a whole group shares one address, each person gets their allowance.
    """
    limit, period = _split_rate(rate)
    now = int(time.time())
    window_end = now - now % period + period
    client = f"person:{person}" if person else client_network(request)
    hits = _count_hit(_client_key(client, group), window_end)
    if hits == 1:  # the client's first request in a new window: drop windows that are over
        RateLimitHit.objects.filter(window_end__lte=now).delete()
    return hits > limit


def retry_after(rate: str) -> int:
    """Seconds until the current window of `rate` ends (for a Retry-After header)."""
    _limit, period = _split_rate(rate)
    now = int(time.time())
    return period - now % period


def _client_key(client: str, group: str) -> str:
    # A keyed hash, so the table never holds an address in the clear.
    address = f"{group}:{client}".encode()
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
