"""Organizers propose dates in the series' time zone; bad dates are refused with a message on
the field and nothing is stored."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from klimakreise.polls.forms import (
    DUPLICATE,
    END_BEFORE_START,
    IN_THE_PAST,
    TOO_MANY,
    option_label,
)
from klimakreise.polls.models import MAX_OPTIONS, PollOption
from tests.polls.factories import PollOptionFactory, VoteFactory, VoterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def add_url(poll):
    return reverse("polls:add_option", kwargs={"slug": poll.edition.slug, "pk": poll.pk})


def propose(client, poll, day, start="15:00", end="18:00"):
    data = {"day": day, "start_time": start, "end_time": end}
    return client.post(add_url(poll), data)


def next_year() -> int:
    return timezone.now().year + 1


def test_a_date_in_winter_and_one_in_summer_are_stored_in_utc_by_berlin_time(
    client_for, organizer, poll
):
    client = client_for(organizer)
    assert propose(client, poll, f"{next_year()}-01-15").status_code == 302
    assert propose(client, poll, f"{next_year()}-07-15").status_code == 302

    winter, summer = PollOption.objects.filter(poll=poll).order_by("start")
    assert winter.start == datetime(next_year(), 1, 15, 14, 0, tzinfo=UTC)  # CET = UTC+1
    assert summer.start == datetime(next_year(), 7, 15, 13, 0, tzinfo=UTC)  # CEST = UTC+2
    assert summer.end - summer.start == timedelta(hours=3)


def test_dates_follow_the_series_time_zone(client_for, organizer, poll):
    poll.edition.series.time_zone = "America/New_York"
    poll.edition.series.save()

    propose(client_for(organizer), poll, f"{next_year()}-01-15")

    assert PollOption.objects.get(poll=poll).start == datetime(next_year(), 1, 15, 20, tzinfo=UTC)


def test_a_time_skipped_by_the_change_to_summer_time_is_refused(client_for, organizer, poll):
    # The last Sunday of March: in Berlin the clocks jump from 02:00 to 03:00.
    year = next_year()
    day = max(d for d in range(25, 32) if datetime(year, 3, d).weekday() == 6)

    response = propose(client_for(organizer), poll, f"{year}-03-{day:02d}", "02:30", "04:00")

    assert response.status_code == 400
    assert b"clocks go forward" in response.content
    assert not PollOption.objects.exists()


def test_a_time_repeated_by_the_change_to_winter_time_is_refused(client_for, organizer, poll):
    # The last Sunday of October: in Berlin 02:00–03:00 happens twice (CEST, then CET).
    year = next_year()
    day = max(d for d in range(25, 32) if datetime(year, 10, d).weekday() == 6)

    response = propose(client_for(organizer), poll, f"{year}-10-{day:02d}", "02:30", "04:00")

    assert response.status_code == 400
    assert "clocks go back" in response.context["option_form"].errors["start_time"][0]
    assert not PollOption.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This date has passed"),
        ("de", "Dieser Termin liegt in der Vergangenheit"),
    ],
)
def test_a_day_in_the_year_one_is_refused_on_the_day_field_not_a_server_error(
    client_for, organizer, poll, settings, language, message
):
    settings.LANGUAGE_CODE = language

    response = propose(client_for(organizer), poll, "0001-01-01", "00:00", "01:00")

    assert response.status_code == 400
    assert message in response.context["option_form"].errors["day"][0]
    assert not PollOption.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "at most 5 years ahead"),
        ("de", "höchstens 5 Jahre im Voraus"),
    ],
)
@pytest.mark.parametrize("day", ["9999-12-31", "far"])
def test_a_day_more_than_five_years_ahead_is_refused_on_the_day_field(
    client_for, organizer, poll, settings, language, message, day
):
    settings.LANGUAGE_CODE = language
    today = timezone.localdate()
    if day == "far":
        day = (today.replace(year=today.year + 5, day=1) + timedelta(days=40)).isoformat()

    response = propose(client_for(organizer), poll, day, "23:00", "23:59")

    assert response.status_code == 400
    assert message in response.context["option_form"].errors["day"][0]
    assert not PollOption.objects.exists()


def test_the_day_field_says_how_far_ahead_dates_may_lie(client_for, organizer, poll):
    url = reverse("polls:detail", kwargs={"slug": poll.edition.slug, "pk": poll.pk})

    response = client_for(organizer).get(url)

    assert b"From today to at most 5 years ahead." in response.content


def test_a_day_within_five_years_is_taken(client_for, organizer, poll):
    today = timezone.localdate()
    day = today.replace(year=today.year + 5, day=1)

    assert propose(client_for(organizer), poll, day.isoformat()).status_code == 302
    assert PollOption.objects.get(poll=poll).start.date() == day


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"day": "2020-01-15"}, "day", IN_THE_PAST),
        ({"start_time": "18:00", "end_time": "15:00"}, "end_time", END_BEFORE_START),
        ({"start_time": "15:00", "end_time": "15:00"}, "end_time", END_BEFORE_START),
        ({"day": "morgen"}, "day", "Enter a valid date."),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
    ],
)
def test_bad_dates_are_refused_on_their_field(client_for, organizer, poll, data, field, message):
    sent = {"day": f"{next_year()}-05-10", "start_time": "15:00", "end_time": "18:00", **data}

    response = client_for(organizer).post(add_url(poll), sent)

    assert response.status_code == 400
    form = response.context["option_form"]
    assert str(message) in form.errors[field]
    assert f'id="id_{field}_error"'.encode() in response.content
    assert not PollOption.objects.exists()


def test_the_same_date_twice_is_refused(client_for, organizer, poll):
    client = client_for(organizer)
    propose(client, poll, f"{next_year()}-05-10")

    response = propose(client, poll, f"{next_year()}-05-10")

    assert response.status_code == 400
    assert str(DUPLICATE) in response.context["option_form"].errors["day"]
    assert PollOption.objects.count() == 1


def test_at_most_thirty_dates(client_for, organizer, poll):
    for _ in range(MAX_OPTIONS):
        PollOptionFactory(poll=poll)

    response = propose(client_for(organizer), poll, f"{next_year()}-05-10")

    assert response.status_code == 400
    assert TOO_MANY % {"max": MAX_OPTIONS} in response.context["option_form"].non_field_errors()
    assert PollOption.objects.count() == MAX_OPTIONS


def test_a_date_nobody_answered_can_be_removed_one_with_answers_stays(
    client_for, organizer, poll, options
):
    VoteFactory(voter=VoterFactory(poll=poll), option=options[0])
    client = client_for(organizer)

    for option in options[:2]:
        url = reverse(
            "polls:remove_option",
            kwargs={"slug": poll.edition.slug, "pk": poll.pk, "option_pk": option.pk},
        )
        client.post(url)

    assert list(PollOption.objects.filter(poll=poll)) == [options[0], options[2]]


def test_the_series_form_takes_a_known_time_zone_only(client_for, superuser, series):
    url = reverse("backoffice:series_edit", kwargs={"series": series.slug})
    data = {"title": series.title, "slug": series.slug, "description": ""}
    client = client_for(superuser)

    refused = client.post(url, {**data, "time_zone": "Mars/Olympus"})
    saved = client.post(url, {**data, "time_zone": "Europe/Lisbon"})

    assert "Mars/Olympus" in refused.context["form"].errors["time_zone"][0]
    assert saved.status_code == 302
    series.refresh_from_db()
    assert series.time_zone == "Europe/Lisbon"


def test_a_series_form_without_a_time_zone_keeps_the_one_it_had(client_for, superuser, series):
    series.time_zone = "Europe/Vienna"
    series.save()
    url = reverse("backoffice:series_edit", kwargs={"series": series.slug})

    client_for(superuser).post(url, {"title": "Neu", "slug": series.slug, "time_zone": ""})

    series.refresh_from_db()
    assert (series.title, series.time_zone) == ("Neu", "Europe/Vienna")


def test_dates_are_shown_with_weekday_day_and_times_in_the_series_zone(poll):
    start = datetime(2031, 6, 14, 13, 0, tzinfo=UTC)  # a Saturday; 15:00 in Berlin (summer)
    option = PollOptionFactory(poll=poll, start=start, end=start + timedelta(hours=3))

    assert option_label(option, "Europe/Berlin") == "Saturday, June 14, 2031, 3 p.m.–6 p.m."
    with translation.override("de"):
        assert option_label(option, "Europe/Berlin") == "Samstag, 14. Juni 2031, 15:00–18:00"
