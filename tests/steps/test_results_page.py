"""The public results page shows each step's current status and the date of its last update."""

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.steps.links import make_token
from klimakreise.steps.services import update_step
from tests.steps.factories import published

pytestmark = pytest.mark.django_db


def test_status_and_date_of_the_last_update(client, world):
    update_step(card=world.own, version=1, status="in_progress", by="organizer")
    page = client.get(reverse("results:page", kwargs={"slug": world.edition.slug})).text
    assert "status-in_progress" in page
    today = timezone.localdate().isoformat()
    assert f'datetime="{today}' in page


def test_the_next_editions_results_page_carries_the_review(client, world, next_edition):
    update_step(card=world.own, version=1, status="done", note="Geschafft", by="organizer")
    published(next_edition)
    page = client.get(reverse("results:page", kwargs={"slug": next_edition.slug})).text
    assert 'id="rueckblick"' in page
    assert "Geschafft" in page


def test_the_personal_page_in_english(client, world):
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("steps:personal", kwargs={"token": make_token(world.own_follow_up)}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Your next steps" in response.text
