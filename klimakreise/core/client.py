"""The address of the client behind a request, for throttling logins and sign-ups.

Behind a reverse proxy every request comes from the proxy's address, so one limit would be
shared by everybody. With TRUSTED_PROXY_COUNT = N, the address is the one the outermost of the N
proxies saw: the N-th entry from the end of X-Forwarded-For. Entries further left are written by
the client itself and never trusted.
"""

import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def client_address(request) -> str:
    if request is None:
        return UNKNOWN
    direct = request.META.get("REMOTE_ADDR") or UNKNOWN
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return direct
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if len(forwarded) < proxies:  # not (only) through our proxies: take what reached us
        return direct
    return forwarded[-proxies]


def client_network(request) -> str:
    """The client's address, widened to its /64 for IPv6: one household gets many addresses."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
