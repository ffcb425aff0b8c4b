"""Locking and publishing show a summary first (circles, sizes, warnings, emails to whom) and
act only on a POST with the confirmation box ticked."""

from klimakreise.circles.models import AssignmentRun, CircleMember
from klimakreise.circles.services import lock_run, run_assignment
from klimakreise.outbox.models import OutboxEmail
from tests.circles.helpers import CONFIRMED, url
from tests.factories import CircleFactory, TopicFactory, UserFactory


def test_the_lock_page_shows_the_summary_and_sends_no_email(
    two_topics, edition, organizer, client_for
):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    page = client_for(organizer).get(url("lock", edition, pk=run.pk)).content.decode()

    assert "Lock this assignment?" in page
    assert "Mobilität" in page and "Energie" in page
    assert "Locking sends no email" in page
    assert 'name="confirmed"' in page


def test_a_lock_without_confirmation_changes_nothing(two_topics, edition, organizer, client_for):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    response = client_for(organizer).post(url("lock", edition, pk=run.pk), {})

    assert response.status_code == 400
    run.refresh_from_db()
    assert run.status == AssignmentRun.Status.PROPOSED
    assert not CircleMember.objects.exists()


def test_the_publish_page_counts_the_emails_to_participants_and_moderators(
    two_topics, edition, organizer, client_for
):
    CircleFactory(topic=two_topics["a"], index=1, moderator=UserFactory(name="Mona Moderatorin"))
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    lock_run(run=run)
    client = client_for(organizer)

    page = client.get(url("publish", edition, pk=run.pk)).content.decode()
    refused = client.post(url("publish", edition, pk=run.pk), {})

    assert "6 to participants" in page and "1 to a moderator" in page
    assert "Mona Moderatorin" in page
    assert refused.status_code == 400 and not OutboxEmail.objects.exists()
    client.post(url("publish", edition, pk=run.pk), CONFIRMED)
    assert OutboxEmail.objects.count() == 7
    again = client.get(url("publish", edition, pk=run.pk)).content.decode()
    assert "6 to participants" not in again  # already queued: nobody gets a second copy


def test_the_lock_summary_shows_the_size_warnings(two_topics, edition, organizer, client_for):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    moved = run.placements.filter(topic=two_topics["a"]).first()
    moved.topic = two_topics["b"]
    moved.save()

    page = client_for(organizer).get(url("lock", edition, pk=run.pk)).content.decode()

    assert "Too small: 2 members, at least 3 needed." in page
    assert "Too large: 4 members, at most 3 allowed." in page


def test_the_lock_summary_names_the_moderators_and_the_topics_that_would_not_open(
    two_topics, edition, organizer, client_for
):
    CircleFactory(topic=two_topics["a"], index=1, moderator=UserFactory(name="Mona Moderatorin"))
    TopicFactory(edition=edition, title="Wald", slug="wald")  # nobody wished it: no circle
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    page = client_for(organizer).get(url("lock", edition, pk=run.pk)).content.decode()

    assert "Mona Moderatorin" in page
    assert "Wald would not take place" in page
    assert "<dd>0</dd>" not in page  # the warning is counted
