import pytest

from klimakreise.accounts.models import ApiToken
from klimakreise.results.publication import publish_results

pytestmark = pytest.mark.django_db


def results_api(edition):
    return f"/api/v1/editions/{edition.slug}/results"


def bearer(user) -> dict:
    _, raw = ApiToken.issue(user=user, label="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_published_results_have_exactly_the_documented_shape(client, published):
    body = client.get(results_api(published)).json()
    assert set(body) == {"edition", "published_at", "circles"}
    assert body["edition"] == published.slug
    assert body["published_at"]
    assert len(body["circles"]) == 3
    circle = body["circles"][0]
    assert set(circle) == {
        "name",
        "topic",
        "input",
        "ideas",
        "next_steps",
        "notes",
        "attachments",
    }
    assert set(circle["input"]) == {"title", "speaker"}
    assert all(isinstance(idea, str) for idea in circle["ideas"]) and len(circle["ideas"]) == 2
    assert {tuple(sorted(step)) for step in circle["next_steps"]} == {
        ("due", "responsible", "status", "text")
    }
    assert circle["notes"] == "Notizen mit **Markdown**."
    (attachment,) = circle["attachments"]
    assert set(attachment) == {"title", "url", "preview_url"}
    assert attachment["url"].startswith("/files/")


def test_unpublished_results_are_404(client, results_edition):
    assert client.get(results_api(results_edition)).status_code == 404


def test_unknown_edition_is_404(client):
    assert client.get("/api/v1/editions/nope/results").status_code == 404


def test_organizers_read_drafts_with_their_token(client, results_edition, organizer):
    response = client.get(results_api(results_edition), **bearer(organizer))
    assert response.status_code == 200
    assert response.json()["published_at"] is None


@pytest.mark.parametrize("persona", ["other_organizer", "stranger"])
def test_other_tokens_do_not_open_drafts(request, client, results_edition, persona):
    user = request.getfixturevalue(persona)
    assert client.get(results_api(results_edition), **bearer(user)).status_code == 404


def test_invalid_token_gets_404_not_500(client, results_edition):
    headers = {"HTTP_AUTHORIZATION": "Bearer kk_invalid"}
    assert client.get(results_api(results_edition), **headers).status_code == 404


def test_edition_detail_links_the_results_once_published(client, results_edition):
    url = f"/api/v1/editions/{results_edition.slug}"
    assert client.get(url).json()["results_url"] is None
    publish_results(edition=results_edition)
    assert client.get(url).json()["results_url"] == f"/e/{results_edition.slug}/results/"
