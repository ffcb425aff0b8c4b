"""Locking details: circles other apps use are kept, one locked run per edition, pins."""

import pytest
from django.db import IntegrityError

from klimakreise.boards.models import Card
from klimakreise.circles.models import AssignmentRun, Circle, TopicPin
from klimakreise.circles.services import lock_run, run_assignment
from tests.circles.helpers import latest_run, run_solver, url
from tests.factories import CircleFactory, TopicFactory


def test_a_surplus_circle_with_board_cards_is_kept(two_topics, edition, organizer):
    unused = CircleFactory(topic=TopicFactory(edition=edition, min_size=1, max_size=1), index=1)
    Card.objects.create(circle=unused, column=Card.Column.IDEAS, text="Eine Idee")
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    lock_run(run=run)

    assert Circle.objects.filter(pk=unused.pk).exists()
    assert not unused.members.exists()


def test_the_database_allows_only_one_locked_run_per_edition(two_topics, edition, organizer):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    lock_run(run=run)
    copy = AssignmentRun(
        edition=edition, input=run.input, output=run.output, objective=0, status="locked"
    )

    with pytest.raises(IntegrityError):
        copy.save()


def test_organizers_pin_a_person_to_a_topic_and_the_solver_keeps_the_pin(
    two_topics, edition, organizer, client_for
):
    client = client_for(organizer)
    arne = two_topics["people"]["a1"]

    response = client.post(
        url("pin", edition), {"registration": arne.pk, "topic": two_topics["b"].pk}, follow=True
    )
    run_solver(client, edition)

    assert f"{arne.name} is pinned to Energie." in response.content.decode()
    assert TopicPin.objects.get(registration=arne).topic == two_topics["b"]
    run = latest_run(edition)
    assert run.placements.get(registration=arne).topic == two_topics["b"]
    page = client.get(url("assignment", edition)).content.decode()
    assert "pinned by the organizers" in page

    client.post(url("unpin", edition, pk=TopicPin.objects.get().pk))

    assert not TopicPin.objects.exists()
