"""Organizers change an edition: new seats go to the waitlist in order, and reminders still
queued are rendered and timed anew (new date, room link, .ics); sent ones stay as they were."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from klimakreise.editions.services import update_edition
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations import emails, services
from klimakreise.registrations.models import Registration
from tests.registrations import scenarios
from tests.registrations.factories import (
    ConfirmedRegistrationFactory,
    OpenEditionFactory,
    RegistrationFactory,
    WaitlistedRegistrationFactory,
)

Status = Registration.Status
MOVED_UP = "seat is free"  # part of the English "moved up" subject


def statuses(edition) -> list[str]:
    """Each registration's status, in the order people confirmed."""
    registrations = edition.registrations.order_by("confirmed_at", "id")
    return list(registrations.values_list("status", flat=True))


def moved_up_to() -> list[str]:
    moved_up = OutboxEmail.objects.filter(subject__contains=MOVED_UP).order_by("id")
    return list(moved_up.values_list("to", flat=True))


def reminder_of(registration) -> OutboxEmail | None:
    return OutboxEmail.objects.filter(key=emails.reminder_key(registration)).first()


def ics_event(reminder: OutboxEmail):
    attachment = reminder.attachments.get()
    return Calendar.from_ical(bytes(attachment.content)).walk("VEVENT")[0]


def full_edition(*, capacity: int, registered: int, waitlisted: int):
    edition = OpenEditionFactory(capacity=capacity)
    for _ in range(registered):
        ConfirmedRegistrationFactory(edition=edition, language="en")
    waiting = [
        WaitlistedRegistrationFactory(edition=edition, language="en") for _ in range(waitlisted)
    ]
    return edition, waiting


# Capacity


@pytest.mark.django_db
def test_raising_capacity_from_1_to_3_moves_up_the_first_two_waiting_in_order():
    edition, waiting = full_edition(capacity=1, registered=1, waitlisted=3)

    update_edition(edition=edition, changes={"capacity": 3})

    assert statuses(edition) == [Status.REGISTERED] * 3 + [Status.WAITLISTED]
    assert moved_up_to() == [waiting[0].email, waiting[1].email]
    for registration in waiting[:2]:
        assert reminder_of(registration).status == OutboxEmail.Status.QUEUED
    assert reminder_of(waiting[2]) is None


@pytest.mark.django_db
def test_removing_the_capacity_moves_up_everyone_waiting():
    edition, waiting = full_edition(capacity=1, registered=1, waitlisted=3)

    update_edition(edition=edition, changes={"capacity": None})

    assert statuses(edition) == [Status.REGISTERED] * 4
    assert moved_up_to() == [registration.email for registration in waiting]


@pytest.mark.django_db
def test_lowering_capacity_moves_up_nobody_and_moves_down_nobody():
    edition, _ = full_edition(capacity=2, registered=2, waitlisted=2)

    update_edition(edition=edition, changes={"capacity": 1})

    assert statuses(edition) == [Status.REGISTERED] * 2 + [Status.WAITLISTED] * 2
    assert moved_up_to() == []


@pytest.mark.django_db
def test_raising_capacity_in_the_backoffice_form_moves_up_the_first_waiting(
    client_for, organizer, series
):
    edition = OpenEditionFactory(series=series, capacity=1)
    ConfirmedRegistrationFactory(edition=edition)
    first, second = WaitlistedRegistrationFactory.create_batch(2, edition=edition, language="en")
    url = reverse("backoffice:edition_edit", kwargs={"slug": edition.slug})

    response = client_for(organizer).post(url, edition_form_data(edition, capacity=2))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.REGISTERED, Status.WAITLISTED)
    assert moved_up_to() == [first.email]


def edition_form_data(edition, **changes) -> dict:
    local = "%Y-%m-%dT%H:%M"
    data = {
        "number": edition.number,
        "title": edition.title,
        "slug": edition.slug,
        "start": timezone.localtime(edition.start).strftime(local),
        "end": timezone.localtime(edition.end).strftime(local),
        "format": edition.format,
        "venue": edition.venue,
        "online_room_url": edition.online_room_url,
        "capacity": edition.capacity if edition.capacity is not None else "",
        "preference_ranks": edition.preference_ranks,
        "intro": edition.intro,
    }
    for name in (
        "get_together_start",
        "get_together_place",
        "registration_opens_at",
        "registration_closes_at",
        "previous",
    ):
        data[name] = ""
    return {**data, **changes}


# Reminders


@pytest.fixture
def reminded(settings):
    """Two people registered for an edition 20 days ahead (one German, one English), each with
    their reminder queued 2 days before."""
    settings.KLIMAKREISE_REMINDER_DAYS = 2
    start = timezone.now().replace(microsecond=0) + timedelta(days=20)
    edition = OpenEditionFactory(start=start, end=start + timedelta(hours=3), venue="Rathaus")
    people = [
        RegistrationFactory(edition=edition, language=language, email=f"{language}@example.org")
        for language in ("de", "en")
    ]
    for registration in people:
        services.confirm_registration(registration=registration)
    return edition, people


@pytest.mark.django_db
def test_moving_the_edition_a_week_and_adding_a_room_link_renews_the_queued_reminders(reminded):
    edition, (german, english) = reminded
    old_start = edition.start
    before = {registration.pk: reminder_of(registration) for registration in (german, english)}
    new_start, new_end = edition.start + timedelta(days=7), edition.end + timedelta(days=7)

    update_edition(
        edition=edition,
        changes={
            "start": new_start,
            "end": new_end,
            "online_room_url": "https://meet.example.org/kreise",
        },
    )

    for registration in (german, english):
        reminder = reminder_of(registration)
        assert reminder.pk != before[registration.pk].pk  # withdrawn and queued again
        assert reminder.status == OutboxEmail.Status.QUEUED
        assert reminder.send_after == new_start - timedelta(days=2)
        assert reminder.next_attempt_at == new_start - timedelta(days=2)
        assert reminder.language == registration.language
        assert "https://meet.example.org/kreise" in reminder.text
        assert 'href="https://meet.example.org/kreise"' in reminder.html
        event = ics_event(reminder)
        assert event.decoded("dtstart") == new_start
        assert event.decoded("dtend") == new_end
        assert "https://meet.example.org/kreise" in str(event["location"])
        assert "Rathaus" in str(event["location"])
    # The subject's date in each language's short format: 27.03.2031, 03/27/2031.
    for registration, pattern, word in (
        (german, "%d.%m.%Y", "Erinnerung"),
        (english, "%m/%d/%Y", "Reminder"),
    ):
        subject = reminder_of(registration).subject
        assert word in subject
        assert timezone.localtime(new_start).strftime(pattern) in subject
        assert timezone.localtime(old_start).strftime(pattern) not in subject
    assert OutboxEmail.objects.filter(key__startswith="registration-reminder:").count() == 2


@pytest.mark.django_db
def test_a_new_title_or_venue_is_in_the_queued_reminder(reminded):
    edition, (german, _) = reminded

    update_edition(edition=edition, changes={"title": "Kreise im Park", "venue": "Stadtpark"})

    reminder = reminder_of(german)
    assert "Kreise im Park" in reminder.subject
    assert "Stadtpark" in reminder.text
    assert str(ics_event(reminder)["location"]) == "Stadtpark"


@pytest.mark.django_db
def test_a_sent_reminder_stays_as_it_was(reminded):
    edition, (german, english) = reminded
    sent = reminder_of(german)
    OutboxEmail.objects.filter(pk=sent.pk).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now()
    )

    update_edition(
        edition=edition,
        changes={
            "start": edition.start + timedelta(days=7),
            "end": edition.end + timedelta(days=7),
        },
    )

    unchanged = reminder_of(german)
    assert unchanged.pk == sent.pk
    assert (unchanged.status, unchanged.text, unchanged.send_after) == (
        OutboxEmail.Status.SENT,
        sent.text,
        sent.send_after,
    )
    assert bytes(unchanged.attachments.get().content) == bytes(sent.attachments.get().content)
    assert OutboxEmail.objects.filter(to=german.email, subject__contains="Erinnerung").count() == 1
    assert reminder_of(english).send_after == edition.start + timedelta(days=5)


@pytest.mark.django_db
def test_a_cancelled_registration_gets_no_reminder_again(reminded):
    edition, (german, english) = reminded
    services.cancel_registration(registration=english)
    assert reminder_of(english) is None

    update_edition(
        edition=edition,
        changes={
            "start": edition.start + timedelta(days=7),
            "end": edition.end + timedelta(days=7),
        },
    )

    assert reminder_of(english) is None
    assert reminder_of(german).status == OutboxEmail.Status.QUEUED


@pytest.mark.django_db
def test_moved_so_close_that_the_reminder_time_passed_it_goes_out_right_away(reminded):
    edition, (german, _) = reminded
    soon = timezone.now().replace(microsecond=0) + timedelta(hours=5)

    update_edition(edition=edition, changes={"start": soon, "end": soon + timedelta(hours=3)})

    reminder = reminder_of(german)
    assert reminder.send_after <= timezone.now()
    assert ics_event(reminder).decoded("dtstart") == soon


@pytest.mark.django_db
def test_moved_into_the_past_the_queued_reminder_is_withdrawn(reminded):
    edition, (german, _) = reminded
    began = timezone.now().replace(microsecond=0) - timedelta(hours=1)

    update_edition(edition=edition, changes={"start": began, "end": began + timedelta(hours=3)})

    assert reminder_of(german) is None


@pytest.mark.django_db
def test_an_edit_that_does_not_show_in_the_reminder_leaves_it_alone(reminded):
    edition, (german, _) = reminded
    queued = reminder_of(german)

    update_edition(edition=edition, changes={"intro": "Mehr dazu bald.", "capacity": 20})

    assert reminder_of(german).pk == queued.pk


@pytest.mark.django_db
def test_moving_the_edition_in_the_backoffice_form_renews_the_reminder(
    reminded, client_for, organizer
):
    edition, (german, _) = reminded
    edition.series.organizers.add(organizer)
    new_start = timezone.localtime(edition.start + timedelta(days=7)).replace(second=0)
    url = reverse("backoffice:edition_edit", kwargs={"slug": edition.slug})
    data = edition_form_data(
        edition,
        start=new_start.strftime("%Y-%m-%dT%H:%M"),
        end=(new_start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        online_room_url="https://meet.example.org/kreise",
    )

    assert client_for(organizer).post(url, data).status_code == 302

    reminder = reminder_of(german)
    assert reminder.send_after == new_start - timedelta(days=2)
    assert "https://meet.example.org/kreise" in reminder.text


# Concurrency

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share one in-memory SQLite database"
)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_raising_capacity_while_someone_cancels_fills_each_seat_once_on_postgresql():
    edition = scenarios.make_edition(capacity=2, registered=2, waitlisted=3, pending=0)
    by_confirmation = list(edition.registrations.order_by("confirmed_at"))
    leaving, waiting = by_confirmation[0], by_confirmation[2:]
    barrier = threading.Barrier(2)

    def cancel():
        barrier.wait(timeout=30)
        services.cancel_registration(registration=leaving)

    def raise_capacity():
        barrier.wait(timeout=30)
        update_edition(edition=edition, changes={"capacity": 3})

    with ThreadPoolExecutor(2) as pool:
        for future in [pool.submit(scenarios._in_thread(job)) for job in (cancel, raise_capacity)]:
            future.result()

    registered = edition.registrations.filter(status=Status.REGISTERED)
    assert registered.count() == 3
    assert set(registered.values_list("pk", flat=True)) == {
        by_confirmation[1].pk,
        waiting[0].pk,
        waiting[1].pk,
    }
    moved_up = OutboxEmail.objects.filter(subject__contains="Platz ist für Sie frei")  # German
    assert sorted(moved_up.values_list("to", flat=True)) == sorted(
        [waiting[0].email, waiting[1].email]
    )
