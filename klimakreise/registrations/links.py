"""Personal links: signed, expiring and revocable tokens that stand in for an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "klimakreise.registrations.personal-link"


def make_token(registration) -> str:
    return signing.dumps([registration.pk, registration.link_version], salt=SALT, compress=True)


def registration_from_token(token: str):
    """The registration a token stands for, or None if it is forged, expired or revoked."""
    from klimakreise.registrations.models import Registration

    try:
        pk, version = signing.loads(token, salt=SALT, max_age=settings.PERSONAL_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Registration.objects.select_related("edition__series")
        .filter(pk=pk, link_version=version, anonymized_at__isnull=True)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def personal_url(registration) -> str:
    path = reverse("registrations:personal", kwargs={"token": make_token(registration)})
    return settings.SITE_URL + path
