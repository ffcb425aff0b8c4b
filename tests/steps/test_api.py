"""GET /api/v1/editions/{slug}/steps and /review: shapes exactly as documented."""

import pytest

from klimakreise.steps.reading import status_counts
from klimakreise.steps.services import update_step
from tests.factories import EditionFactory
from tests.steps.factories import due_in, make_circle, published, step_card

pytestmark = pytest.mark.django_db

KEYS = {"id", "circle", "text", "responsible", "due", "status", "updated_at"}


def test_steps_of_a_published_edition(client, world):
    world.own.due_date = due_in(10)
    world.own.save()
    response = client.get(f"/api/v1/editions/{world.edition.slug}/steps")
    assert response.status_code == 200
    steps = response.json()
    assert [set(s) for s in steps] == [KEYS] * 3
    own = next(s for s in steps if s["id"] == world.own.pk)
    assert own["circle"] == world.circle.name
    assert own["text"] == "Antrag stellen"
    assert own["due"] == due_in(10).isoformat()
    assert own["status"] == "open"
    nobodys = next(s for s in steps if s["id"] == world.nobodys.pk)
    assert nobodys["due"] is None


def test_the_status_follows_updates(client, world):
    update_step(card=world.own, version=1, status="in_progress", by="organizer")
    steps = client.get(f"/api/v1/editions/{world.edition.slug}/steps").json()
    assert next(s for s in steps if s["id"] == world.own.pk)["status"] == "in_progress"


def test_unpublished_results_are_a_404(client, edition):
    step_card(make_circle(edition))
    response = client.get(f"/api/v1/editions/{edition.slug}/steps")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_an_unknown_edition_is_a_404(client, db):
    assert client.get("/api/v1/editions/nope/steps").status_code == 404
    assert client.get("/api/v1/editions/nope/review").status_code == 404


def test_review_names_the_previous_edition_and_its_steps(client, world, next_edition):
    response = client.get(f"/api/v1/editions/{next_edition.slug}/review")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"previous", "steps"}
    assert body["previous"] == {"slug": world.edition.slug, "title": world.edition.title}
    assert [set(s) for s in body["steps"]] == [KEYS] * 3


def test_review_without_a_previous_edition(client, world):
    body = client.get(f"/api/v1/editions/{world.edition.slug}/review").json()
    assert body == {"previous": None, "steps": []}


def test_review_of_an_unpublished_previous_edition_is_empty(client, edition):
    later = EditionFactory(series=edition.series, number=edition.number + 1)
    step_card(make_circle(edition))
    body = client.get(f"/api/v1/editions/{later.slug}/review").json()
    assert body == {"previous": None, "steps": []}


def test_the_previous_edition_is_the_next_lower_number(client, world):
    skipped = EditionFactory(series=world.series, number=world.edition.number + 5)
    newest = EditionFactory(series=world.series, number=world.edition.number + 6)
    published(skipped)
    body = client.get(f"/api/v1/editions/{newest.slug}/review").json()
    assert body["previous"]["slug"] == skipped.slug


def test_both_are_in_the_openapi_document(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/editions/{slug}/steps" in paths
    assert "/api/v1/editions/{slug}/review" in paths


def test_status_counts_for_reports(world, django_assert_num_queries):
    update_step(card=world.own, version=1, status="done", by="organizer")
    with django_assert_num_queries(1):
        counts = status_counts(world.edition)
    assert counts == {"open": 2, "in_progress": 0, "done": 1, "dropped": 0}
