"""Picking a date closes the poll, creates the next edition as a draft on that date and tells
everyone who answered, with an .ics; picking twice is refused and changes nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from klimakreise.editions.models import Edition
from klimakreise.outbox.models import OutboxEmail
from klimakreise.polls import services
from klimakreise.polls.forms import ONE_OPTION
from klimakreise.polls.models import DatePoll
from tests.factories import AgendaItemFactory, TopicFactory
from tests.polls.factories import PollOptionFactory, VoteFactory, VoterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def pick(client, poll, option):
    url = reverse("polls:pick", kwargs={"slug": poll.edition.slug, "pk": poll.pk})
    return client.post(url, {"option": option.pk})


@pytest.fixture
def answered(poll, options):
    """Two who answered with an address, one without, one invited who did not answer."""
    people = [
        VoterFactory(poll=poll, name="Ada", language="en"),
        VoterFactory(poll=poll, name="Bea", language="de"),
        VoterFactory(poll=poll, name="Carla", email=""),
    ]
    for person in people:
        VoteFactory(voter=person, option=options[1], answer="yes")
    VoterFactory(poll=poll, name="Dora", answered_at=None)
    return people


def test_picking_creates_a_draft_edition_on_the_date_and_closes_the_poll(
    client_for, organizer, poll, options, answered
):
    edition = poll.edition
    TopicFactory(edition=edition, title="Wärmewende")
    AgendaItemFactory(edition=edition, title="Begrüßung")

    response = pick(client_for(organizer), poll, options[1])

    poll.refresh_from_db()
    new = poll.created_edition
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:edition", kwargs={"slug": new.slug})
    assert poll.status == DatePoll.Status.CLOSED and poll.picked_option == options[1]
    assert (new.start, new.end) == (options[1].start, options[1].end)
    assert new.status == Edition.Status.DRAFT and new.previous == edition
    assert new.number == edition.number + 1
    assert new.title == f"{new.number}. Klimakreise"
    assert list(new.topics.values_list("title", flat=True)) == ["Wärmewende"]
    assert new.agenda_items.get().start == options[1].start


def test_everyone_who_answered_with_an_address_gets_an_ics_of_the_new_date(
    client_for, organizer, poll, options, answered
):
    pick(client_for(organizer), poll, options[1])

    new = DatePoll.objects.get(pk=poll.pk).created_edition
    mails = OutboxEmail.objects.filter(key__startswith="polls:picked:").order_by("to")
    assert sorted(m.to for m in mails) == sorted([answered[0].email, answered[1].email])
    for mail in mails:
        attachment = mail.attachments.get()
        assert attachment.filename == f"{new.slug}.ics"
        assert attachment.mimetype == "text/calendar"
        event = Calendar.from_ical(bytes(attachment.content)).walk("VEVENT")[0]
        assert event.decoded("dtstart") == options[1].start
        # The draft's own page answers 404 until it is published: the series' page instead.
        assert str(event["url"]).endswith(new.series.get_absolute_url())
    english = mails.get(to=answered[0].email)
    assert "the date of" in english.subject and new.title in english.text


def test_picking_twice_is_refused_and_changes_nothing(
    client_for, organizer, poll, options, answered
):
    client = client_for(organizer)
    pick(client, poll, options[1])
    editions, mails = Edition.objects.count(), OutboxEmail.objects.count()

    response = pick(client, poll, options[2])

    poll.refresh_from_db()
    assert response.status_code == 302
    assert poll.picked_option == options[1]
    assert (Edition.objects.count(), OutboxEmail.objects.count()) == (editions, mails)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "A date has already been picked for this poll; nothing changed." in messages
    with pytest.raises(services.PollClosed):
        services.pick_option(option=options[2])


def test_a_date_of_another_poll_cannot_be_picked(client_for, organizer, poll, options):
    foreign = PollOptionFactory()

    response = pick(client_for(organizer), poll, foreign)

    poll.refresh_from_db()
    assert response.status_code == 302
    assert poll.is_open and poll.created_edition is None
    assert Edition.objects.count() == 2  # this edition and the other poll's


def test_a_closed_poll_takes_no_new_dates_or_invitations(client_for, organizer, poll, options):
    client = client_for(organizer)
    pick(client, poll, options[0])
    kwargs = {"slug": poll.edition.slug, "pk": poll.pk}

    client.post(
        reverse("polls:add_option", kwargs=kwargs),
        {"day": "2099-01-01", "start_time": "10:00", "end_time": "12:00"},
    )
    client.post(reverse("polls:invite", kwargs=kwargs))

    assert poll.options.count() == 3
    assert not poll.voters.exists()


def test_another_series_poll_is_404_for_an_organizer(client_for, organizer, options):
    foreign = PollOptionFactory().poll
    url = reverse("polls:detail", kwargs={"slug": options[0].poll.edition.slug, "pk": foreign.pk})

    assert client_for(organizer).get(url).status_code == 404


def test_a_date_the_edition_cannot_be_copied_to_is_refused_with_a_message(
    client_for, organizer, poll, options, answered
):
    # Stored before dates were limited to five years ahead: the agenda, shifted by the same
    # amount, would pass the year 9999.
    last = datetime(9999, 12, 31, 21, 0, tzinfo=UTC)
    late = PollOptionFactory(poll=poll, start=last, end=last + timedelta(minutes=59))
    AgendaItemFactory(edition=poll.edition, start=poll.edition.start + timedelta(hours=3))
    editions, mails = Edition.objects.count(), OutboxEmail.objects.count()

    response = pick(client_for(organizer), poll, late)

    poll.refresh_from_db()
    assert response.status_code == 302
    assert poll.is_open and poll.picked_option is None and poll.created_edition is None
    assert (Edition.objects.count(), OutboxEmail.objects.count()) == (editions, mails)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("cannot be created on this date" in m for m in messages)


@pytest.mark.parametrize("chosen", [(), (0, 1), (2, 2)])
def test_picking_needs_exactly_one_date(client_for, organizer, poll, options, chosen):
    url = reverse("polls:pick", kwargs={"slug": poll.edition.slug, "pk": poll.pk})

    response = client_for(organizer).post(url, {"option": [options[i].pk for i in chosen]})

    poll.refresh_from_db()
    assert response.status_code == 302
    assert poll.is_open and poll.created_edition is None
    assert [str(m) for m in response.wsgi_request._messages] == [str(ONE_OPTION)]
