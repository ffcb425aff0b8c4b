"""Personal links: signed, expiring and revocable tokens that stand in for an account.

A token carries the registration's id and link_version; bumping link_version revokes every link
issued so far. The same token confirms the registration (double opt-in) and opens the personal
page, where a cancelled registration can still be looked at, downloaded and deleted.
"""

from django.conf import settings
from django.urls import reverse

from klimakreise.core import links
from klimakreise.registrations.models import Registration

SALT = "klimakreise.registrations.personal-link"


def make_token(registration) -> str:
    return links.make_token(registration, salt=SALT)


def registration_from_token(token: str):
    """The registration a token stands for, or None if it is forged, expired or revoked."""
    registrations = Registration.objects.select_related("edition__series", "sector")
    return links.object_from_token(
        token, salt=SALT, queryset=registrations.filter(anonymized_at__isnull=True)
    )


def personal_url(registration) -> str:
    path = reverse("registrations:personal", kwargs={"token": make_token(registration)})
    return settings.SITE_URL + path


def workspace_url(registration, circle) -> str:
    """The circle's workspace, opened with the member's personal link (the workspace remembers
    it for the browser session and takes it out of the address bar)."""
    path = reverse("boards:workspace", kwargs={"pk": circle.pk})
    return f"{settings.SITE_URL}{path}?t={make_token(registration)}"


def confirm_url(registration) -> str:
    path = reverse("registrations:confirm", kwargs={"token": make_token(registration)})
    return settings.SITE_URL + path
