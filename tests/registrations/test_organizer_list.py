# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""The registration list: filters, counts, demand per topic, constant query count, nav links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.registrations.factories import ConfirmedRegistrationFactory, wish
from tests.registrations.organizer_factories import english, event, people, sector, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def names(response):
    return sorted(r.name for r in response.context["registrations"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Ada", "Ben", "Cem"]),  # cancelled people are left out by default
        ({"status": "any"}, ["Ada", "Ben", "Cem", "Dana"]),
        ({"status": "waitlisted"}, ["Cem"]),
        ({"status": "cancelled"}, ["Dana"]),
        ({"sector": "verwaltung"}, ["Ada", "Cem"]),
        ({"topic": "gruen"}, ["Ada", "Ben"]),  # any rank: Ada's 3rd, Ben's 2nd wish
        ({"topic": "gruen", "status": "any"}, ["Ada", "Ben", "Dana"]),
        ({"role": "moderate"}, ["Ada"]),
        ({"role": "notes"}, ["Ben"]),
        ({"q": "STADT"}, ["Ada"]),
        ({"sector": "verwaltung", "topic": "gruen"}, ["Ada"]),
    ],
)
def test_filters_select_the_matching_registrations(
    client_for, organizer, event, people, query, expected
):
    response = client_for(organizer).get(url("list", event), query)

    assert response.status_code == 200
    assert names(response) == expected


def test_unknown_filter_value_is_shown_as_error_and_selects_nobody(
    client_for, organizer, event, people
):
    response = client_for(organizer).get(url("list", event), {"sector": "mars", "role": "moderate"})

    assert response.status_code == 200
    assert "sector" in response.context["filter_form"].errors
    assert names(response) == []


def test_counts_per_status(client_for, organizer, event, people):
    response = client_for(organizer).get(url("list", event))

    counts = {status: n for status, _label, n in response.context["status_counts"]}
    assert counts == {"pending_confirmation": 0, "registered": 2, "waitlisted": 1, "cancelled": 1}
    assert "3 registrations match the filter." in response.content.decode()


def test_demand_counts_each_topic_at_each_rank(client_for, organizer, event, people):
    response = client_for(organizer).get(url("list", event))

    demand = response.context["demand"]
    table = {row.topic.slug: row.by_rank for row in demand.rows}
    assert demand.ranks == [1, 2, 3]
    # Ada: energie, mobilitaet, gruen; Ben: energie, gruen; Cem: mobilitaet, energie.
    assert table == {"energie": [2, 1, 0], "mobilitaet": [1, 1, 0], "gruen": [0, 1, 1]}
    energie = next(row for row in demand.rows if row.topic.slug == "energie")
    assert energie.total == 3
    assert [(rank, n) for rank, n, _width in energie.bars] == [(1, 2), (2, 1)]
    assert energie.bars[0][2] == 66.67


def test_demand_follows_the_filter(client_for, organizer, event, people):
    response = client_for(organizer).get(url("list", event), {"status": "cancelled"})

    table = {row.topic.slug: row.by_rank for row in response.context["demand"].rows}
    assert table == {"energie": [0, 0, 0], "mobilitaet": [0, 0, 0], "gruen": [1, 0, 0]}


def test_demand_chart_has_a_table_for_screen_readers(client_for, organizer, event, people):
    html = client_for(organizer).get(url("list", event)).content.decode()

    assert 'id="demand-table"' in html
    assert "<caption>" in html
    assert 'aria-hidden="true"' in html  # the bars repeat the table, so AT skips them
    assert 'width="66.67%"' in html  # never localized: German "66,67%" would break the SVG


def test_names_are_escaped(client_for, organizer, event, people):
    people["ada"].name = "<script>alert(1)</script>"
    people["ada"].save()

    html = client_for(organizer).get(url("list", event)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _queries(client, target):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["list", "checkin", "export_csv", "export_xlsx"])
def test_query_count_does_not_grow_with_registrations(client_for, organizer, event, page):
    client = client_for(organizer)
    target = url(page, event) + "?topic=energie"
    wish(ConfirmedRegistrationFactory(edition=event), "energie")
    few = _queries(client, target)
    for _ in range(15):
        registration = ConfirmedRegistrationFactory(edition=event, can_moderate=True)
        wish(registration, "energie", "gruen")

    many = _queries(client, target)

    assert many == few
