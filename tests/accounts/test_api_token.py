"""Organizers create, replace and revoke their API token for the organizer API."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from klimakreise.accounts.models import ApiToken

pytestmark = pytest.mark.django_db
PAGE = reverse("accounts:api_token")
CREATE = reverse("accounts:api_token_create")
REVOKE = reverse("accounts:api_token_revoke")
TOKEN = re.compile(r'value="(kk_[\w-]+)"')


def api_status(raw, edition) -> int:
    url = f"/api/v1/editions/{edition.slug}/registrations"
    return Client().get(url, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def create(client) -> str:
    response = client.post(CREATE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (raw,) = TOKEN.findall(response.text)
    return raw


def test_a_new_token_is_shown_once_and_opens_the_organizer_api(client_for, organizer, edition):
    client = client_for(organizer)
    assert client.get(PAGE).context["token"] is None

    raw = create(client)

    assert api_status(raw, edition) == 200
    page = client.get(PAGE)
    assert page.context["token"] is not None
    assert raw not in page.text


def test_only_the_hash_of_the_token_is_stored(client_for, organizer):
    raw = create(client_for(organizer))
    (token,) = ApiToken.objects.filter(user=organizer)
    assert token.token_hash == ApiToken.hash(raw)
    assert raw not in token.token_hash and raw != token.label


def test_a_new_token_replaces_the_old_one(client_for, organizer, edition):
    client = client_for(organizer)
    old = create(client)
    new = create(client)
    assert old != new
    assert api_status(old, edition) == 401
    assert api_status(new, edition) == 200
    assert ApiToken.objects.filter(user=organizer).count() == 1


def test_a_revoked_token_no_longer_opens_the_api(client_for, organizer, edition):
    client = client_for(organizer)
    raw = create(client)
    response = client.post(REVOKE)
    assert response.status_code == 302 and response["Location"] == PAGE
    assert api_status(raw, edition) == 401
    assert not ApiToken.objects.filter(user=organizer).exists()


def test_revoking_leaves_other_peoples_tokens_alone(client_for, organizer, other_organizer):
    ApiToken.issue(user=other_organizer, label="script")
    create(client_for(organizer))
    client_for(organizer).post(REVOKE)
    assert ApiToken.objects.filter(user=other_organizer).count() == 1


def test_the_page_shows_when_the_token_was_last_used(client_for, organizer, edition):
    client = client_for(organizer)
    raw = create(client)
    assert client.get(PAGE).context["token"].last_used_at is None
    api_status(raw, edition)
    assert client.get(PAGE).context["token"].last_used_at is not None


def test_changes_need_post(client_for, organizer):
    client = client_for(organizer)
    assert client.get(CREATE).status_code == 405
    assert client.get(REVOKE).status_code == 405
    assert not ApiToken.objects.exists()


def test_changes_need_the_csrf_token(organizer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    assert client.post(CREATE).status_code == 403
    assert not ApiToken.objects.exists()
    ApiToken.issue(user=organizer, label="script")
    assert client.post(REVOKE).status_code == 403
    assert ApiToken.objects.filter(user=organizer).exists()


def test_the_page_posts_with_the_csrf_token(client_for, organizer):
    ApiToken.issue(user=organizer, label="script")
    text = client_for(organizer).get(PAGE).text
    for action in (CREATE, REVOKE):
        form = re.search(rf'<form method="post" action="{action}".*?</form>', text, re.S)
        assert form and "csrfmiddlewaretoken" in form.group(0)


def test_the_account_page_links_organizers_to_their_token(client_for, organizer, stranger):
    assert PAGE in client_for(organizer).get(reverse("accounts:account")).text
    assert PAGE not in client_for(stranger).get(reverse("accounts:account")).text


def test_someone_no_longer_in_any_team_can_still_revoke_their_token(client_for, organizer, edition):
    client = client_for(organizer)
    raw = create(client)
    organizer.organized_series.clear()

    assert client.post(REVOKE).status_code == 302
    assert not ApiToken.objects.filter(user=organizer).exists()
    edition.series.organizers.add(organizer)
    assert api_status(raw, edition) == 401
