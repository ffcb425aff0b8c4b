import pytest
from django.urls import reverse
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def ics(edition):
    return reverse("editions:calendar", kwargs={"slug": edition.slug})


def test_public_calendar_file_has_date_place_and_address_but_not_the_room_link(
    client, edition, settings
):
    edition.venue = "Altes Rathaus, Magdeburg"
    edition.online_room_url = "https://meet.example.org/klimakreise"
    edition.save()
    response = client.get(ics(edition))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == edition.start.replace(microsecond=0)
    assert event.decoded("dtend") == edition.end.replace(microsecond=0)
    assert "Altes Rathaus" in str(event["location"])
    assert b"meet.example.org" not in response.content
    assert str(event["url"]) == settings.SITE_URL + edition.get_absolute_url()


def test_calendar_of_a_draft_edition_is_hidden_from_the_public(client_for, edition, organizer):
    edition.status = edition.Status.DRAFT
    edition.save()
    assert client_for(None).get(ics(edition)).status_code == 404
    assert client_for(organizer).get(ics(edition)).status_code == 200


def test_upcoming_edition_page_offers_add_to_calendar(client, edition):
    html = client.get(edition.get_absolute_url()).content.decode()
    assert ics(edition) in html
