# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""The registration list filters by circle (one circle, any circle, no circle) together with the
other filters, and the exports follow the same filter."""

import pytest

from klimakreise.circles.models import CircleMember
from tests.factories import CircleFactory
from tests.registrations.organizer_factories import english, event, people, url  # noqa: F401
from tests.registrations.test_organizer_export import read_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def circles(event, people):
    """Ada and Ben in the energy circle, Cem in the mobility circle; Dana (cancelled) in none."""
    energy = CircleFactory(topic=event.topics.get(slug="energie"), index=1)
    mobility = CircleFactory(topic=event.topics.get(slug="mobilitaet"), index=1)
    for name in ("ada", "ben"):
        CircleMember.objects.create(circle=energy, registration=people[name])
    CircleMember.objects.create(circle=mobility, registration=people["cem"])
    return {"energy": energy, "mobility": mobility}


def names(response):
    assert response.status_code == 200
    return sorted(r.name for r in response.context["registrations"])


def test_one_circle_lists_its_members(client_for, organizer, event, circles):
    response = client_for(organizer).get(url("list", event), {"circle": circles["energy"].pk})

    assert names(response) == ["Ada", "Ben"]


def test_any_and_no_circle(client_for, organizer, event, circles):
    client = client_for(organizer)

    assert names(client.get(url("list", event), {"circle": "any"})) == ["Ada", "Ben", "Cem"]
    assert names(client.get(url("list", event), {"circle": "none", "status": "any"})) == ["Dana"]


def test_circle_filter_keeps_the_other_filters(client_for, organizer, event, circles):
    query = {"circle": circles["energy"].pk, "role": "notes"}

    assert names(client_for(organizer).get(url("list", event), query)) == ["Ben"]


def test_the_select_offers_the_editions_circles_and_no_circle(
    client_for, organizer, event, series, circles
):
    elsewhere = CircleFactory(topic__edition__series=series, index=1)

    html = client_for(organizer).get(url("list", event)).content.decode()

    select = html.split('name="circle"')[1].split("</select>")[0]
    assert f'value="{circles["energy"].pk}"' in select
    assert 'value="none"' in select
    assert f'value="{elsewhere.pk}"' not in select


def test_a_circle_of_another_edition_is_an_error_and_selects_nobody(
    client_for, organizer, event, series, circles
):
    elsewhere = CircleFactory(topic__edition__series=series, index=1)
    client = client_for(organizer)

    response = client.get(url("list", event), {"circle": elsewhere.pk})
    assert "circle" in response.context["filter_form"].errors
    assert names(response) == []
    exported = client.get(url("export_csv", event), {"circle": elsewhere.pk})
    assert read_csv(exported)[1:] == []


def test_the_export_follows_the_circle_filter(client_for, organizer, event, circles):
    query = {"circle": "none", "status": "any"}
    response = client_for(organizer).get(url("export_csv", event), query)

    assert [row[0] for row in read_csv(response)[1:]] == ["Dana"]
    response = client_for(organizer).get(url("export_csv", event), {"circle": "any"})
    assert sorted(row[0] for row in read_csv(response)[1:]) == ["Ada", "Ben", "Cem"]
