"""An .ics invitation for an edition: the public download and the reminder email's attachment."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

ICS_MIMETYPE = "text/calendar"


def edition_ics(edition, *, room_url: str = "", page_url: str = "") -> bytes:
    """One VEVENT with date, time, the venue and the page's address.

    `room_url` (the online room) goes only into a registered person's own copy: the public page
    hides the room link, so the public download must not give it away. `page_url` replaces the
    edition's page, for an edition not published yet (a date picked in a poll)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Klimakreise//Registration//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"edition-{edition.slug}@klimakreise")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", edition.start)
    event.add("dtend", edition.end)
    event.add("summary", f"{edition.series.title}: {edition.title}")
    page_url = page_url or settings.SITE_URL + edition.get_absolute_url()
    event.add("url", page_url)
    place = [p for p in (edition.venue, room_url) if p]
    if place:
        event.add("location", " · ".join(place))
    description = [page_url]
    if room_url:
        description.insert(0, room_url)
    event.add("description", "\n".join(description))
    calendar.add_component(event)
    return calendar.to_ical()


def ics_filename(edition) -> str:
    return f"{edition.slug}.ics"
