"""The organizer's way through the assignment: run, review, move, re-run, lock, publish."""

import re

import pytest

from klimakreise.circles.models import AssignmentRun, Circle, CircleMember, Placement
from klimakreise.outbox.models import OutboxEmail
from tests.circles.helpers import CONFIRMED, latest_run, run_solver, url
from tests.factories import CircleFactory, UserFactory


def placement_of(run, registration) -> Placement:
    return run.placements.select_related("topic").get(registration=registration)


def test_running_the_solver_stores_a_proposal_with_everyone_placed(
    two_topics, edition, organizer, client_for
):
    response = run_solver(client_for(organizer), edition, min_verwaltung=1)

    run = latest_run(edition)
    assert response.status_code == 302
    assert response["Location"] == url("proposal", edition, pk=run.pk)
    assert run.status == AssignmentRun.Status.PROPOSED
    assert run.created_by == organizer
    assert run.rules == {"verwaltung": 1}
    assert (run.objective, run.bound, run.optimal) == (0, 0, True)
    assert run.placements.count() == 6
    for key, person in two_topics["people"].items():
        assert placement_of(run, person).topic.slug == key[0]


def test_the_proposal_shows_ranks_sectors_and_the_proof(two_topics, edition, organizer, client_for):
    client = client_for(organizer)
    run_solver(client, edition, min_verwaltung=1)

    page = client.get(url("proposal", edition, pk=latest_run(edition).pk)).content.decode()

    assert "Anna Amt" in page and "Bruno Zwei" in page
    assert "1st wish" in page
    assert "Optimal: no valid grouping has a lower cost." in page
    assert "Verwaltung 1" in page  # sector counts per circle
    assert "Warnings" not in page


def test_moving_a_person_warns_about_bounds_and_rules_and_shows_the_cost_change(
    two_topics, edition, organizer, client_for
):
    client = client_for(organizer)
    run_solver(client, edition, min_verwaltung=1)
    run = latest_run(edition)
    anna = placement_of(run, two_topics["people"]["a_admin"])

    response = client.post(
        url("move", edition, pk=run.pk),
        {"placement": anna.pk, "target": f"{two_topics['b'].pk}:1"},
        follow=True,
    )

    page = response.content.decode()
    anna.refresh_from_db()
    assert (anna.topic, anna.index, anna.source) == (two_topics["b"], 1, "manual")
    assert "Anna Amt was moved. Cost change: +1." in page  # her second wish costs 1
    assert "Too small: 2 members, at least 3 needed." in page
    assert "Too large: 4 members, at most 3 allowed." in page
    assert "Needs at least 1 person from Verwaltung, has 0." in page
    assert "manual moves changed it by 1" in page


def test_a_move_based_on_an_outdated_page_is_refused(two_topics, edition, organizer, client_for):
    client = client_for(organizer)
    run_solver(client, edition)
    run = latest_run(edition)
    anna = placement_of(run, two_topics["people"]["a_admin"])
    Placement.objects.filter(pk=anna.pk).update(topic=two_topics["b"])  # someone else moved her

    from klimakreise.circles.services import ActionRefused, move_person

    with pytest.raises(ActionRefused):
        move_person(run=run, placement=anna, topic=two_topics["a"], index=1)
    anna.refresh_from_db()
    assert anna.topic == two_topics["b"]


def test_running_again_keeps_the_manual_moves(two_topics, edition, organizer, client_for):
    client = client_for(organizer)
    run_solver(client, edition)
    first = latest_run(edition)
    anna = placement_of(first, two_topics["people"]["a_admin"])
    client.post(
        url("move", edition, pk=first.pk),
        {"placement": anna.pk, "target": f"{two_topics['b'].pk}:1"},
    )

    run_solver(client, edition, keep_moves_from=first.pk)

    second = latest_run(edition)
    assert second.pk != first.pk
    moved = placement_of(second, two_topics["people"]["a_admin"])
    assert (moved.topic, moved.source) == (two_topics["b"], "manual")
    assert second.input["participants"][0]["fixed_topic"] == "b"
    assert second.objective == 2  # Anna and one B person now have their second wish
    assert second.placements.count() == 6


def test_locking_creates_circles_and_members_and_freezes_the_wishes(
    two_topics, edition, organizer, client_for
):
    foundation_circle = CircleFactory(topic=two_topics["a"], index=1)
    unused_topic_circle = CircleFactory(topic__edition=edition, index=1)
    client = client_for(organizer)
    run_solver(client, edition)
    run = latest_run(edition)
    assert not edition.assignment_is_locked()

    response = client.post(url("lock", edition, pk=run.pk), CONFIRMED)

    run.refresh_from_db()
    assert response.status_code == 302
    assert run.status == AssignmentRun.Status.LOCKED
    circles = list(Circle.objects.filter(edition=edition))
    assert [c.name for c in circles] == ["Mobilität", "Energie"]
    assert foundation_circle in circles  # reused, not replaced
    assert not Circle.objects.filter(pk=unused_topic_circle.pk).exists()  # empty surplus: gone
    assert CircleMember.objects.filter(circle=foundation_circle).count() == 3
    assert CircleMember.objects.filter(circle__edition=edition).count() == 6
    assert edition.assignment_is_locked()


def test_after_locking_nothing_can_change_any_more(two_topics, edition, organizer, client_for):
    client = client_for(organizer)
    run_solver(client, edition)
    locked = latest_run(edition)
    run_solver(client, edition, seed=1)
    other = latest_run(edition)
    client.post(url("lock", edition, pk=locked.pk), CONFIRMED)
    members_before = list(CircleMember.objects.values_list("registration_id", "circle_id"))

    page = client.post(url("lock", edition, pk=other.pk), CONFIRMED, follow=True).content.decode()
    assert "already locked" in page
    page = run_solver(client, edition).content.decode()
    assert AssignmentRun.objects.filter(edition=edition).count() == 2
    placement = locked.placements.first()
    page = client.post(
        url("move", edition, pk=locked.pk),
        {"placement": placement.pk, "target": f"{two_topics['b'].pk}:1"},
        follow=True,
    ).content.decode()
    assert "people can no longer be moved" in page
    assert list(CircleMember.objects.values_list("registration_id", "circle_id")) == members_before
    other.refresh_from_db()
    assert other.status == AssignmentRun.Status.PROPOSED


def test_a_topic_with_two_groups_becomes_circles_a_and_b(edition, organizer, client_for):
    from tests.circles.factories import register
    from tests.factories import TopicFactory

    topic = TopicFactory(edition=edition, title="Mobilität", min_size=2, max_size=3, max_groups=2)
    for _ in range(5):
        register(edition, [topic])
    client = client_for(organizer)
    run_solver(client, edition)

    client.post(url("lock", edition, pk=latest_run(edition).pk), CONFIRMED)

    circles = Circle.objects.filter(edition=edition)
    assert sorted(c.name for c in circles) == ["Mobilität A", "Mobilität B"]
    assert sorted(c.members.count() for c in circles) == [2, 3]


def test_publishing_queues_each_message_once_in_the_persons_language(
    two_topics, edition, organizer, client_for
):
    moderator = UserFactory(name="Mona Moderatorin")
    CircleFactory(
        topic=two_topics["a"],
        index=1,
        moderator=moderator,
        video_room_url="https://meet.example.org/a",
    )
    client = client_for(organizer)
    run_solver(client, edition)
    run = latest_run(edition)
    client.post(url("lock", edition, pk=run.pk), CONFIRMED)

    client.post(url("publish", edition, pk=run.pk), CONFIRMED)
    client.post(url("publish", edition, pk=run.pk), CONFIRMED)

    emails = OutboxEmail.objects.filter(edition=edition)
    assert emails.count() == 6 + 1  # every member, plus Mona's member list
    alma = emails.get(to=two_topics["people"]["a2"].email)
    assert alma.language == "en"
    assert "Your circle at" in alma.subject and "Mobilität" in alma.subject
    assert "Mona Moderatorin" in alma.text
    assert "https://meet.example.org/a" in alma.text
    assert emails.get(to=two_topics["people"]["a1"].email).language == "de"
    member_list = emails.get(to=moderator.email)
    assert "Anna Amt" in member_list.text and "Bert Amt" not in member_list.text
    mona_circle = Circle.objects.get(topic=two_topics["a"], index=1)
    assert f"/circles/{mona_circle.pk}/" in member_list.text
    run.refresh_from_db()
    assert run.status == AssignmentRun.Status.PUBLISHED


def test_the_assignment_email_links_to_the_members_workspace(
    two_topics, edition, organizer, client_for
):
    client = client_for(organizer)
    run_solver(client, edition)
    run = latest_run(edition)
    client.post(url("lock", edition, pk=run.pk), CONFIRMED)
    client.post(url("publish", edition, pk=run.pk), CONFIRMED)
    alma = two_topics["people"]["a2"]
    email = OutboxEmail.objects.get(to=alma.email)
    link = re.search(r"http://\S+/circles/(\d+)/\?t=\S+", email.text)
    assert link and link.group(0) in email.html

    visitor = client_for(None)
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    opened = visitor.get("/" + path)
    assert opened.status_code == 302
    workspace = visitor.get(opened["Location"])
    assert workspace.status_code == 200
    circle = CircleMember.objects.get(registration=alma).circle
    assert int(link.group(1)) == circle.pk and circle.name in workspace.content.decode()


def test_publishing_a_proposal_that_is_not_locked_is_refused(
    two_topics, edition, organizer, client_for
):
    client = client_for(organizer)
    run_solver(client, edition)
    run = latest_run(edition)

    page = client.post(url("publish", edition, pk=run.pk), CONFIRMED, follow=True).content.decode()

    assert "Lock the assignment before you publish it." in page
    assert not OutboxEmail.objects.exists()


def test_an_infeasible_assignment_shows_the_solvers_explanation(
    two_topics, edition, organizer, client_for
):
    response = run_solver(client_for(organizer), edition, min_verwaltung=2)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The solver found no valid grouping:" in page
    assert "each with at least 2 from “Verwaltung”; registered from “Verwaltung”: 2" in page
    assert not AssignmentRun.objects.exists()


def test_publishing_reads_the_circle_time_once_for_all_messages(
    two_topics, edition, organizer, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(organizer)
    run_solver(client, edition)
    run = latest_run(edition)
    client.post(url("lock", edition, pk=run.pk), CONFIRMED)
    with CaptureQueriesContext(connection) as queries:
        client.post(url("publish", edition, pk=run.pk), CONFIRMED)
    assert OutboxEmail.objects.filter(edition=edition).count() == 6
    agenda = [q for q in queries if "editions_agendaitem" in q["sql"]]
    assert len(agenda) == 1
