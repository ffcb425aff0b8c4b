import pytest

from klimakreise.editions.models import Edition
from tests.factories import AgendaItemFactory, EditionFactory, PartnerFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_edition_list_shows_public_editions_only(client):
    public = EditionFactory(slug="magdeburg-2022")
    EditionFactory(slug="geheim", status=Edition.Status.DRAFT)
    body = client.get("/api/v1/editions").json()
    assert [e["slug"] for e in body] == ["magdeburg-2022"]
    assert set(body[0]) >= {"slug", "series", "number", "title", "start", "end", "status", "url"}
    assert body[0]["url"] == public.get_absolute_url()


def test_edition_detail_has_agenda_topics_partners_previous(client):
    previous = EditionFactory(slug="magdeburg-2021")
    edition = EditionFactory(series=previous.series, slug="magdeburg-2022", previous=previous)
    AgendaItemFactory(edition=edition, kind="talk", title="Impuls", speaker="Ada Beispiel")
    TopicFactory(edition=edition, slug="energie", title="Energie", max_groups=2)
    PartnerFactory(edition=edition, organization__name="Netzwerk", role="funding")

    body = client.get("/api/v1/editions/magdeburg-2022").json()

    assert body["previous"] == "magdeburg-2021"
    assert body["agenda"][0] == {
        "start": body["agenda"][0]["start"],
        "title": "Impuls",
        "kind": "talk",
        "speaker": "Ada Beispiel",
    }
    assert body["topics"] == [
        {
            "slug": "energie",
            "title": "Energie",
            "min_size": 6,
            "max_size": 12,
            "max_groups": 2,
            "min_groups": 0,
            "cancelled": False,
        }
    ]
    assert body["partners"] == [{"name": "Netzwerk", "role": "funding"}]
    assert "results_url" in body


@pytest.mark.parametrize("slug", ["gibt-es-nicht", "entwurf"])
def test_unknown_or_draft_edition_is_a_json_404(client, slug):
    EditionFactory(slug="entwurf", status=Edition.Status.DRAFT)
    response = client.get(f"/api/v1/editions/{slug}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_openapi_document_describes_the_edition_endpoints(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/editions" in doc["paths"]
    assert "/api/v1/editions/{slug}" in doc["paths"]


def test_edition_detail_says_which_topics_must_run_and_which_are_cancelled(client):
    edition = EditionFactory(slug="magdeburg-2022")
    TopicFactory(edition=edition, slug="energie", max_groups=2, min_groups=1)
    TopicFactory(edition=edition, slug="wald", cancelled=True)

    topics = client.get("/api/v1/editions/magdeburg-2022").json()["topics"]

    assert [(t["slug"], t["min_groups"], t["cancelled"]) for t in topics] == [
        ("energie", 1, False),
        ("wald", 0, True),
    ]
