"""The public results page shows each step's current status and the date of its last update."""

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.steps.services import update_step

pytestmark = pytest.mark.django_db


def test_status_and_date_of_the_last_update(client, world):
    update_step(card=world.own, version=1, status="in_progress", by="organizer")
    page = client.get(reverse("results:page", kwargs={"slug": world.edition.slug})).text
    assert "status-in_progress" in page
    today = timezone.localdate().isoformat()
    assert f'datetime="{today}' in page
