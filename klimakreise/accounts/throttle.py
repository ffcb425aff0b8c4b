"""Failed-login counters in the shared cache (every app process sees the same numbers)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(email: str, address: str) -> list[str]:
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]
    return [f"login-fail:acct:{digest}", f"login-fail:addr:{address}"]


def is_blocked(*, email: str, address: str) -> bool:
    counts = cache.get_many(_keys(email, address))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def record_failure(*, email: str, address: str) -> None:
    for key in _keys(email, address):
        # add() is a no-op when the key exists, so the window starts at the first failure.
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def reset(*, email: str) -> None:
    cache.delete(_keys(email, "-")[0])
