"""Personal links: signed, expiring and revocable tokens that stand in for an account.

A token carries an object's id and its `link_version`; bumping `link_version` revokes every token
issued so far. Each kind of link has its own salt, so that a token opens only what it was made
for (a registration's personal page, a survey, a poll, the steps of their owner).
"""

from django.conf import settings
from django.core import signing


def make_token(obj, *, salt: str) -> str:
    return signing.dumps([obj.pk, obj.link_version], salt=salt, compress=True)


def object_from_token(token: str, *, salt: str, queryset):
    """The object of `queryset` a token stands for, or None if it is forged, expired or
    revoked."""
    try:
        pk, version = signing.loads(token, salt=salt, max_age=settings.PERSONAL_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return queryset.filter(pk=pk, link_version=version).first()
