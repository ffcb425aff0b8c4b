"""Every account view × every persona: who gets in, who is sent to log in, who is refused."""

import pytest
from django.conf import settings
from django.urls import reverse

from klimakreise.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

PERSONAS = ["superuser", "organizer", "other_organizer", "stranger", "anonymous"]
SIGNED_IN = {"superuser", "organizer", "other_organizer", "stranger"}
# The organizer API is for organizers of some series (and superusers), not for circle staff.
ORGANIZERS_OF_ANY_SERIES = {"superuser", "organizer", "other_organizer"}
EVERYONE = {*SIGNED_IN, "anonymous"}

# (url name, method, who may, status when allowed)
VIEWS = [
    ("account", "get", SIGNED_IN, 200),
    ("password_change", "get", SIGNED_IN, 200),
    ("api_token", "get", ORGANIZERS_OF_ANY_SERIES, 200),
    ("api_token_create", "post", ORGANIZERS_OF_ANY_SERIES, 200),
    # Revoking stays open to anyone signed in: a token outlives its owner's team membership.
    ("api_token_revoke", "post", SIGNED_IN, 302),
    ("password_reset", "get", EVERYONE, 200),
    ("password_reset_done", "get", EVERYONE, 200),
    ("password_reset_complete", "get", EVERYONE, 200),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("url_name", "method", "who", "allowed_status"), VIEWS, ids=[v[0] for v in VIEWS]
)
def test_access(request, client_for, persona, url_name, method, who, allowed_status):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse(f"accounts:{url_name}")
    response = getattr(client_for(user), method)(url)

    if persona in who:
        assert response.status_code == allowed_status
    elif user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_organizers_can_create_a_token(request, client_for, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client_for(user).post(reverse("accounts:api_token_create"))
    created = ApiToken.objects.exists()
    assert created == (persona in ORGANIZERS_OF_ANY_SERIES)


def test_the_header_links_signed_in_people_to_their_account(client_for, organizer):
    text = client_for(organizer).get(reverse("backoffice:home")).text
    assert f'href="{reverse("accounts:account")}"' in text
    assert organizer.name in text
