"""Video rooms of the circles: each circle gets its room without links copied by hand.

Order of precedence: a room link set by hand on the circle (organizers may bring their own room),
else a BigBlueButton meeting when BBB_URL and BBB_SECRET are set (created through its API when the
first person joins; every person joins with their own name), else a room on the Jitsi server
JITSI_URL. Room names carry a keyed hash, so nobody reaches a room by guessing its name.
"""

import hashlib
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET  # noqa: N817
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

BBB_TIMEOUT_SECONDS = 10


class VideoRoomUnavailable(Exception):
    """The BigBlueButton server could not be reached or refused the call."""


@dataclass(frozen=True)
class Participant:
    """Who joins: the name the room shows, and whether they lead the meeting."""

    full_name: str
    moderator: bool


def uses_bigbluebutton() -> bool:
    return bool(settings.BBB_URL and settings.BBB_SECRET)


def is_personal(circle) -> bool:
    """Whether each person needs their own join link (BigBlueButton) rather than one room URL."""
    return not circle.video_room_url and uses_bigbluebutton()


def meeting_id(circle) -> str:
    """Stable per circle; the keyed hash makes it unguessable for people outside the circle."""
    raw = f"{circle.edition_id}:{circle.pk}"
    secret = salted_hmac("klimakreise.circles.video", raw, algorithm="sha256").hexdigest()[:16]
    return f"klimakreise-{circle.edition.slug}-{circle.pk}-{secret}"


def room_url(circle) -> str:
    """The one room address everybody uses: the hand-set link or the Jitsi room. Empty for BBB,
    where every person gets their own signed join address (join_url)."""
    if circle.video_room_url:
        return circle.video_room_url
    if uses_bigbluebutton():
        return ""
    return f"{settings.JITSI_URL.rstrip('/')}/{meeting_id(circle)}"


def join_page_path(circle) -> str:
    """Our own page that sends a person into the circle's room (boards' join view)."""
    return reverse("boards:video_room", kwargs={"pk": circle.pk})


def join_url(circle, participant: Participant) -> str:
    """Where this person enters the room; for BBB the meeting is created first (idempotent)."""
    if not is_personal(circle):
        return room_url(circle)
    _call_bbb("create", _create_params(circle))
    params = {
        "fullName": participant.full_name,
        "meetingID": meeting_id(circle),
        "password": _password(circle, moderator=participant.moderator),
        "role": "MODERATOR" if participant.moderator else "VIEWER",
        "redirect": "true",
    }
    return bbb_url("join", params)


def checksum(call: str, query: str, secret: str) -> str:
    """BigBlueButton's checksum: SHA-1 of the call name, the query string and the secret."""
    return hashlib.sha1(f"{call}{query}{secret}".encode()).hexdigest()  # noqa: S324 (BBB's format)


def bbb_url(call: str, params: dict) -> str:
    query = urllib.parse.urlencode(params)
    signature = checksum(call, query, settings.BBB_SECRET)
    return f"{settings.BBB_URL.rstrip('/')}/api/{call}?{query}&checksum={signature}"


def _create_params(circle) -> dict:
    return {
        "name": f"{circle.name} – {circle.edition.title}",
        "meetingID": meeting_id(circle),
        "attendeePW": _password(circle, moderator=False),
        "moderatorPW": _password(circle, moderator=True),
        "logoutURL": settings.SITE_URL + reverse("boards:workspace", kwargs={"pk": circle.pk}),
    }


def _password(circle, *, moderator: bool) -> str:
    role = "moderator" if moderator else "attendee"
    raw = f"{meeting_id(circle)}:{role}"
    return salted_hmac("klimakreise.circles.video.pw", raw, algorithm="sha256").hexdigest()[:20]


def _call_bbb(call: str, params: dict) -> ET.Element:
    """One API call; any failure becomes VideoRoomUnavailable (the secret never leaves here)."""
    try:
        with urllib.request.urlopen(bbb_url(call, params), timeout=BBB_TIMEOUT_SECONDS) as answer:  # noqa: S310 (URL from settings)
            body = answer.read()
        root = ET.fromstring(body)  # noqa: S314 (our configured server; expat limits entities)
    except (OSError, ValueError, ET.ParseError) as error:
        raise VideoRoomUnavailable(type(error).__name__) from error
    if root.findtext("returncode") != "SUCCESS":
        raise VideoRoomUnavailable(root.findtext("messageKey") or "FAILED")
    return root
