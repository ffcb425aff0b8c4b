"""The members page of a locked assignment reads in a fixed number of queries and never runs
the solver unless asked."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from klimakreise.circles.evaluation import size_warnings
from klimakreise.circles.models import CircleMember
from klimakreise.circles.services import lock_run, run_assignment
from tests.circles.factories import register
from tests.circles.helpers import url


def queries_of(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_members_page_needs_the_same_queries_for_more_people(
    two_topics, edition, organizer, client_for
):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    lock_run(run=run)
    client = client_for(organizer)
    register(edition, [two_topics["a"]])
    few = queries_of(client, url("members", edition))

    for index in range(4):
        person = register(edition, [two_topics["b"]], name=f"Neu {index}")
        CircleMember.objects.create(circle=CircleMember.objects.first().circle, registration=person)
        register(edition, [two_topics["a"]], name=f"Ohne Kreis {index}")

    assert queries_of(client, url("members", edition)) == few


def test_suggestions_are_computed_only_when_asked(fixed, edition, organizer, client_for):
    register(edition, [fixed["a"]], name="Lena Spät")
    client = client_for(organizer)

    plain = client.get(url("members", edition)).content.decode()
    asked = client.get(url("members", edition), {"suggest": 1}).content.decode()
    remembered = client.get(url("members", edition)).content.decode()

    assert "Confirm:" not in plain
    assert "Confirm: Mobilität" in asked
    assert "Confirm: Mobilität" in remembered  # from the cache, for the same members


def test_size_warnings_are_german_with_singular_and_plural(two_topics):
    with translation.override("de"):
        one = size_warnings(two_topics["a"], 1)
        five = size_warnings(two_topics["a"], 5)

    assert one == ["Zu klein: 1 Mitglied, mindestens 3 nötig."]
    assert five == ["Zu groß: 5 Mitglieder, höchstens 3 erlaubt."]
