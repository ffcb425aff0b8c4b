"""The cockpit of an edition: its phase, key numbers, open problems with their fixes, next step."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimakreise.backoffice import cockpit
from klimakreise.circles.models import AssignmentRun, CircleMember
from klimakreise.editions.models import Documentation, Edition
from klimakreise.registrations.models import Registration
from tests.factories import (
    CircleFactory,
    EditionFactory,
    RegistrationFactory,
    TopicFactory,
    UserFactory,
)
from tests.outbox.factories import OutboxEmailFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def lock_assignment(edition, status=AssignmentRun.Status.LOCKED):
    return AssignmentRun.objects.create(
        edition=edition, status=status, input={}, output={}, objective=0, locked_at=NOW
    )


def publish_results(edition):
    Documentation.objects.create(edition=edition, status="published", published_at=NOW)


def page(client_for, organizer, edition):
    response = client_for(organizer).get(reverse("backoffice:edition", args=[edition.slug]))
    assert response.status_code == 200
    return response


# --- phase -----------------------------------------------------------------------------------


def phase_of(edition):
    locked = AssignmentRun.objects.filter(edition=edition).exists()
    return cockpit.edition_phase(edition, assignment_locked=locked, now=NOW)


def test_a_draft_is_in_planning(edition):
    edition.status = Edition.Status.DRAFT
    assert phase_of(edition) == cockpit.PLANNING


def test_a_published_edition_before_its_window_is_in_planning(edition):
    edition.registration_opens_at = NOW + timedelta(days=1)
    assert phase_of(edition) == cockpit.PLANNING


def test_open_registration_is_the_registration_phase(edition):
    edition.status = Edition.Status.REGISTRATION_OPEN
    assert phase_of(edition) == cockpit.REGISTRATION


@pytest.mark.parametrize("closed_by", ["status", "window"])
def test_closed_registration_is_the_assignment_phase(edition, closed_by):
    if closed_by == "status":
        edition.status = Edition.Status.REGISTRATION_CLOSED
    else:
        edition.registration_opens_at = NOW - timedelta(days=9)
        edition.registration_closes_at = NOW - timedelta(days=1)
    assert phase_of(edition) == cockpit.ASSIGNMENT


def test_a_locked_assignment_means_the_edition_runs(edition):
    edition.status = Edition.Status.REGISTRATION_CLOSED
    lock_assignment(edition)
    assert phase_of(edition) == cockpit.RUNNING


def test_after_its_end_the_edition_is_documented(edition):
    edition.start, edition.end = NOW - timedelta(hours=5), NOW - timedelta(hours=1)
    lock_assignment(edition)
    assert phase_of(edition) == cockpit.DOCUMENTATION


def test_published_results_are_the_follow_up(edition):
    edition.status = Edition.Status.DOCUMENTED
    publish_results(edition)
    assert phase_of(edition) == cockpit.FOLLOW_UP


def test_the_timeline_is_an_ordered_list_marking_the_current_phase(client_for, organizer, edition):
    edition.status = Edition.Status.REGISTRATION_OPEN
    edition.save()
    html = page(client_for, organizer, edition).content.decode()
    assert '<ol class="phase-timeline">' in html
    assert html.count('aria-current="step"') == 1
    assert 'aria-current="step">Anmeldung</li>' in html


def test_the_cockpit_speaks_english_too(client_for, organizer, edition):
    edition.status = Edition.Status.REGISTRATION_OPEN
    edition.save()
    url = reverse("backoffice:edition", args=[edition.slug])
    html = client_for(organizer).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'aria-current="step">Registration</li>' in html
    assert "No open problems." in html


def past(edition):
    edition.start, edition.end = NOW - timedelta(hours=5), NOW - timedelta(hours=1)


@pytest.mark.parametrize(
    ("setup", "url_name"),
    [
        (lambda e: None, "backoffice:edition_details"),
        (lambda e: setattr(e, "status", "registration_open"), "registrations_organizer:list"),
        (lambda e: setattr(e, "status", "registration_closed"), "circles:assignment"),
        (lambda e: lock_assignment(e, status="published"), "registrations_organizer:checkin"),
        (past, "results:review"),
        (lambda e: publish_results(e), "backoffice:edition_clone"),
    ],
)
def test_the_next_step_follows_the_phase(client_for, organizer, edition, setup, url_name):
    TopicFactory(edition=edition)
    setup(edition)
    edition.save()
    html = page(client_for, organizer, edition).content.decode()
    next_step = html.split('class="next-step"', 1)[1].split("</p>", 1)[0]
    assert reverse(url_name, args=[edition.slug]) in next_step


def test_a_locked_unpublished_assignment_is_published_next(edition):
    lock_assignment(edition)
    label, url = cockpit.next_step(edition, phase=cockpit.RUNNING, run=AssignmentRun.objects.get())
    assert label == "Die Einteilung den Teilnehmenden mitteilen"
    assert url == reverse("circles:assignment", args=[edition.slug])


def test_without_topics_the_first_topic_comes_next(client_for, organizer, edition):
    html = page(client_for, organizer, edition).content.decode()
    next_step = html.split('class="next-step"', 1)[1].split("</p>", 1)[0]
    assert reverse("backoffice:topic_create", args=[edition.slug]) in next_step


# --- numbers ---------------------------------------------------------------------------------


def test_numbers_count_each_state(client_for, organizer, edition):
    topic = TopicFactory(edition=edition)
    status = Registration.Status
    confirmed = [RegistrationFactory(edition=edition) for _ in range(3)]
    confirmed[0].checked_in_at = NOW
    confirmed[0].save()
    for person in confirmed[:2]:
        person.preferences.create(topic=topic, rank=1)
    RegistrationFactory(edition=edition, status=status.WAITLISTED)
    RegistrationFactory(edition=edition, status=status.PENDING)
    RegistrationFactory(edition=edition, status=status.CANCELLED)
    RegistrationFactory(status=status.REGISTERED)  # another edition

    result = cockpit.build_cockpit(edition, now=NOW)

    assert {k: result.numbers[k] for k in ("registered", "confirmed", "waitlisted")} == {
        "registered": 5,
        "confirmed": 3,
        "waitlisted": 1,
    }
    assert result.numbers["checked_in"] == 1
    assert [(row.label, row.confirmed) for row in result.per_topic] == [(topic.title, 2)]
    sector = edition.series.sectors.first()
    assert (sector.title, 3) in [(row.label, row.confirmed) for row in result.per_sector]
    html = page(client_for, organizer, edition).content.decode()
    assert '<dd data-number="confirmed">3</dd>' in html


# --- problems --------------------------------------------------------------------------------


def problem_links(client_for, organizer, edition) -> str:
    html = page(client_for, organizer, edition).content.decode()
    return html.split('id="problems-heading"', 1)[1].split("</section>", 1)[0]


def test_no_problems_in_a_fresh_edition(client_for, organizer, edition):
    assert "Keine offenen Probleme." in problem_links(client_for, organizer, edition)


def test_unassigned_people_after_the_lock_link_to_the_members_page(client_for, organizer, edition):
    topic = TopicFactory(edition=edition, min_size=1)  # no "too small" problem in this test
    circle = CircleFactory(topic=topic, moderator=UserFactory())
    placed, left_out = RegistrationFactory(edition=edition), RegistrationFactory(edition=edition)
    CircleMember.objects.create(circle=circle, registration=placed)
    members_url = reverse("circles:members", args=[edition.slug])
    assert members_url not in problem_links(client_for, organizer, edition)  # not locked yet

    lock_assignment(edition)
    html = problem_links(client_for, organizer, edition)
    assert members_url in html
    assert "1 bestätigte Person ist in keinem Kreis." in html
    CircleMember.objects.create(circle=circle, registration=left_out)
    assert members_url not in problem_links(client_for, organizer, edition)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("moderator", "1 Kreis hat keine Moderation."),
        ("expert", "1 Kreis hat keine Expertin / keinen Experten."),
    ],
)
def test_a_circle_without_staff_or_room_links_to_the_circles(
    client_for, organizer, edition, missing, message
):
    complete = {
        "moderator": UserFactory(),
        "expert": UserFactory(),
        "video_room_url": "https://v.example.org/r",
    }
    CircleFactory(topic=TopicFactory(edition=edition), **complete)
    fix_url = reverse("backoffice:edition_details", args=[edition.slug]) + "#circles-heading"
    assert fix_url not in problem_links(client_for, organizer, edition)

    CircleFactory(
        topic=TopicFactory(edition=edition),
        **{**complete, missing: None if missing != "video_room_url" else ""},
    )
    html = problem_links(client_for, organizer, edition)
    assert message in html
    assert fix_url in html


@pytest.mark.parametrize("edition_format", [Edition.Format.IN_PERSON, Edition.Format.ONLINE])
def test_a_circle_without_a_room_link_set_by_hand_is_no_problem(edition, edition_format):
    """Every circle gets its video room generated (circles.video)."""
    edition.format = edition_format
    CircleFactory(
        topic=TopicFactory(edition=edition), moderator=UserFactory(), expert=UserFactory()
    )
    assert cockpit.build_cockpit(edition, now=NOW).problems == []


def test_failed_emails_link_to_the_outbox(client_for, organizer, edition):
    OutboxEmailFactory(edition=edition, status="sent", sent_at=NOW)
    OutboxEmailFactory(status="failed")  # another edition
    outbox_url = reverse("outbox:edition", args=[edition.slug])
    assert outbox_url not in problem_links(client_for, organizer, edition)
    OutboxEmailFactory(edition=edition, status="failed")
    html = problem_links(client_for, organizer, edition)
    assert outbox_url in html
    assert "1 E-Mail konnte nicht versendet werden." in html


def test_unpublished_results_after_the_edition_link_to_the_review(client_for, organizer, edition):
    edition.start, edition.end = NOW - timedelta(hours=5), NOW - timedelta(hours=1)
    edition.save()
    review_url = reverse("results:review", args=[edition.slug])
    assert review_url in problem_links(client_for, organizer, edition)
    publish_results(edition)
    assert review_url not in problem_links(client_for, organizer, edition)


# --- access and tabs -------------------------------------------------------------------------


@pytest.fixture
def personas(edition, organizer, other_organizer, stranger):
    moderator = UserFactory()
    CircleFactory(topic=TopicFactory(edition=edition), moderator=moderator)
    participant = UserFactory()
    RegistrationFactory(edition=edition, email=participant.email)
    return {
        "organizer": organizer,
        "other_organizer": other_organizer,
        "moderator": moderator,
        "participant": participant,
        "stranger": stranger,
        "anonymous": None,
    }


@pytest.mark.parametrize("name", ["backoffice:edition", "backoffice:edition_details"])
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organizer", 200),
        ("other_organizer", 404),
        ("moderator", 404),
        ("participant", 404),
        ("stranger", 404),
        ("anonymous", 302),
    ],
)
def test_only_the_series_organizers_see_the_cockpit_and_details(
    client_for, edition, personas, name, persona, expected
):
    response = client_for(personas[persona]).get(reverse(name, args=[edition.slug]))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_cockpit_links_its_tabs(client_for, organizer, edition):
    html = page(client_for, organizer, edition).content.decode()
    assert reverse("backoffice:edition_details", args=[edition.slug]) in html
    assert reverse("backoffice:edition_edit", args=[edition.slug]) in html
    assert 'aria-current="page">Cockpit</a>' in html


def test_the_details_form_still_saves_from_its_tab(client_for, organizer, edition):
    url = reverse("backoffice:edition_edit", args=[edition.slug])
    client = client_for(organizer)
    assert 'aria-current="page"' in client.get(url).content.decode()
    data = {
        "number": edition.number, "title": "Neuer Titel", "slug": edition.slug,
        "start": "2031-05-03T10:00", "end": "2031-05-03T16:00", "format": "online", "venue": "",
        "online_room_url": "", "get_together_start": "", "get_together_place": "",
        "registration_opens_at": "", "registration_closes_at": "", "capacity": "",
        "preference_ranks": 3, "intro": "", "previous": "",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Edition.objects.get(pk=edition.pk).title == "Neuer Titel"


# --- queries ---------------------------------------------------------------------------------


def fill(edition, count):
    for _ in range(count):
        topic = TopicFactory(edition=edition)
        circle = CircleFactory(topic=topic)
        person = RegistrationFactory(edition=edition)
        person.preferences.create(topic=topic, rank=1)
        CircleMember.objects.create(circle=circle, registration=person)
        RegistrationFactory(edition=edition)
        OutboxEmailFactory(edition=edition, status="failed")
    lock_assignment(edition)


def test_cockpit_queries_do_not_grow(client_for, organizer, series):
    small, large = EditionFactory(series=series), EditionFactory(series=series)
    fill(small, 1)
    fill(large, 6)
    client = client_for(organizer)
    counts = []
    for edition in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("backoffice:edition", args=[edition.slug])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_topic_that_must_run_with_too_few_circles_after_the_lock_links_to_the_assignment(
    client_for, organizer, edition
):
    energy = TopicFactory(edition=edition, title="Energie", min_groups=2, max_groups=3)
    CircleFactory(topic=energy, moderator=UserFactory())
    assignment_url = reverse("circles:assignment", args=[edition.slug])
    message = "Energie muss in mindestens 2 Kreisen stattfinden, hat aber 1."
    assert message not in problem_links(client_for, organizer, edition)  # not locked yet

    lock_assignment(edition)
    html = problem_links(client_for, organizer, edition)
    assert message in html
    assert assignment_url in html

    CircleFactory(topic=energy, index=2, moderator=UserFactory())
    assert message not in problem_links(client_for, organizer, edition)


def test_a_fixed_circle_below_its_minimum_links_to_the_members_page(client_for, organizer, edition):
    topic = TopicFactory(edition=edition, min_size=2, max_size=8)
    circle = CircleFactory(topic=topic, moderator=UserFactory())
    CircleMember.objects.create(circle=circle, registration=RegistrationFactory(edition=edition))
    message = "1 Kreis ist kleiner als seine Mindestgröße."
    lock_assignment(edition)
    assert message in problem_links(client_for, organizer, edition)

    CircleMember.objects.create(circle=circle, registration=RegistrationFactory(edition=edition))
    assert message not in problem_links(client_for, organizer, edition)
