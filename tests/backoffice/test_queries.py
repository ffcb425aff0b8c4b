"""The list pages cost the same number of queries whatever the edition holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.backoffice.factories import AttachmentFactory
from tests.factories import (
    AgendaItemFactory,
    CircleFactory,
    EditionFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def fill_edition(edition, count):
    for _ in range(count):
        topic = TopicFactory(edition=edition)
        item = AgendaItemFactory(edition=edition)
        organization = OrganizationFactory(series=edition.series)
        PartnerFactory(edition=edition, organization=organization)
        circle = CircleFactory(topic=topic, moderator=UserFactory(), expert=UserFactory())
        AttachmentFactory(edition=edition, agenda_item=item)
        AttachmentFactory(edition=edition, circle=circle)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["backoffice:edition", "backoffice:edition_details"])
def test_edition_page_queries_do_not_grow(client_for, organizer, series, page):
    small, large = EditionFactory(series=series), EditionFactory(series=series)
    fill_edition(small, 2)
    fill_edition(large, 10)
    client = client_for(organizer)
    small_count = count_queries(client, reverse(page, args=[small.slug]))
    large_count = count_queries(client, reverse(page, args=[large.slug]))
    assert small_count == large_count


def test_series_page_queries_do_not_grow(client_for, organizer, series):
    client = client_for(organizer)
    url = reverse("backoffice:series", args=[series.slug])
    for _ in range(2):
        EditionFactory(series=series)
        OrganizationFactory(series=series, sector=series.sectors.first())
        series.organizers.add(UserFactory())
    before = count_queries(client, url)
    for _ in range(8):
        EditionFactory(series=series)
        OrganizationFactory(series=series, sector=series.sectors.last())
        series.organizers.add(UserFactory())
    assert count_queries(client, url) == before


def test_home_queries_do_not_grow(client_for, superuser):
    client = client_for(superuser)
    EditionFactory()
    before = count_queries(client, reverse("backoffice:home"))
    for _ in range(5):
        EditionFactory()
    assert count_queries(client, reverse("backoffice:home")) == before


def test_home_counts_each_series_editions_once_whatever_the_team_size(client_for, organizer):
    series = organizer.organized_series.first()
    series.organizers.add(UserFactory(), UserFactory())
    for _ in range(2):
        EditionFactory(series=series)
    expected = series.editions.count()
    text = client_for(organizer).get(reverse("backoffice:home")).content.decode()
    assert f"{expected} Ausgaben" in text  # German by default
