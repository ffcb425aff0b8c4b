"""One rate limit per client address for the registration form and API together."""

from django.conf import settings
from django_ratelimit.core import get_usage

GROUP = "registrations"


def over_registration_limit(request) -> bool:
    """Count this POST and say whether the client is over KLIMAKREISE_REGISTRATION_RATE.

    The counter lives in the shared cache (the database cache by default), so every app process
    sees it. Its increment is not atomic there, so a burst may slip a few requests past the
    limit; a Redis cache (CACHE_URL) makes it exact.
    """
    usage = get_usage(
        request,
        group=GROUP,
        key="ip",
        rate=settings.KLIMAKREISE_REGISTRATION_RATE,
        method="POST",
        increment=True,
    )
    # get_usage reports a failed cache access as limit 0: fail open, a cache hiccup must not
    # turn people away.
    return bool(usage and usage["should_limit"] and usage["limit"])
