"""Wrong input on each form: a message naming the problem, and nothing changes."""

import pytest

from klimakreise.circles.models import AssignmentRun, Placement, TopicPin
from klimakreise.circles.services import run_assignment
from tests.circles.helpers import run_solver, url
from tests.factories import TopicFactory


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"min_verwaltung": -1}, "greater than or equal to 0"),
        ({"min_verwaltung": "many"}, "Enter a whole number."),
        ({"min_nonsense": 1}, "Unknown sector: nonsense."),
        ({"time_limit": 0}, "greater than or equal to 1"),
        ({"time_limit": 26}, "less than or equal to 25"),
        ({"time_limit": ""}, "This field is required."),
        ({"seed": -5}, "greater than or equal to 0"),
        ({"keep_moves_from": "x"}, "Enter a whole number."),
    ],
)
def test_the_run_form_rejects_bad_input(
    two_topics, edition, organizer, client_for, fields, message
):
    response = run_solver(client_for(organizer), edition, **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AssignmentRun.objects.exists()


def test_the_time_limit_follows_the_setting(two_topics, edition, organizer, client_for, settings):
    settings.ASSIGNMENT_MAX_TIME_LIMIT = 5

    response = run_solver(client_for(organizer), edition, time_limit=6)

    assert "less than or equal to 5" in response.content.decode()
    assert not AssignmentRun.objects.exists()


def test_the_pin_form_rejects_people_and_topics_of_other_editions(
    two_topics, edition, organizer, client_for
):
    foreign_topic = TopicFactory()
    person = two_topics["people"]["a1"]

    response = client_for(organizer).post(
        url("pin", edition), {"registration": person.pk, "topic": foreign_topic.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TopicPin.objects.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nonsense", "Move to: Select a valid choice"),
        ("{b}:3", "Move to: Select a valid choice"),  # beyond the topic's parallel groups
        ("", "Move to: This field is required."),
    ],
)
def test_the_move_form_rejects_unknown_circles(
    two_topics, edition, organizer, client_for, target, message
):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    before = sorted(run.placements.values_list("pk", "topic_id", "index"))
    placement = run.placements.first()

    response = client_for(organizer).post(
        url("move", edition, pk=run.pk),
        {"placement": placement.pk, "target": target.format(b=two_topics["b"].pk)},
        follow=True,
    )

    assert message in response.content.decode()
    assert sorted(run.placements.values_list("pk", "topic_id", "index")) == before


def test_the_move_form_rejects_a_person_of_another_proposal(
    two_topics, edition, organizer, client_for
):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    other = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=1)
    stranger_row = other.placements.first()

    response = client_for(organizer).post(
        url("move", edition, pk=run.pk),
        {"placement": stranger_row.pk, "target": f"{two_topics['b'].pk}:1"},
        follow=True,
    )

    assert "This person is not part of this proposal." in response.content.decode()
    assert not Placement.objects.filter(source="manual").exists()
