"""Bearer tokens for organizers: `Authorization: Bearer kk_…`."""

from django.utils import timezone
from ninja.security import HttpBearer

from klimakreise.accounts.models import ApiToken


class OrganizerToken(HttpBearer):
    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=ApiToken.hash(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


def token_user(request):
    """The user behind a bearer token, or None; for endpoints that are public but richer for
    organizers (e.g. drafts)."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    return OrganizerToken().authenticate(request, header.split(" ", 1)[1].strip())
