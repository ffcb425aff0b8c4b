"""One rate limit per client address for the registration form and API together
(KLIMAKREISE_REGISTRATION_RATE), counted by core.ratelimit."""

from django.conf import settings

from klimakreise.core.ratelimit import over_rate_limit

GROUP = "registrations"


def over_registration_limit(request) -> bool:
    """Count this request and say whether the client is over KLIMAKREISE_REGISTRATION_RATE."""
    return over_rate_limit(request, group=GROUP, rate=settings.KLIMAKREISE_REGISTRATION_RATE)
