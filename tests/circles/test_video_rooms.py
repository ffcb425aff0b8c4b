"""Video rooms of the circles (circles.video): Jitsi room names, BigBlueButton's API, the
assignment email's link and the check of a half-configured BigBlueButton."""

import hashlib
import re
import urllib.parse

import pytest
from django.core.checks import run_checks

from klimakreise.circles import video
from klimakreise.circles.services import choose_moderator
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from tests.circles.fake_bbb import SECRET
from tests.circles.helpers import CONFIRMED, latest_run, run_solver, url
from tests.factories import CircleFactory, EditionFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jitsi(settings):
    settings.BBB_URL = settings.BBB_SECRET = ""
    settings.JITSI_URL = "https://meet.jit.si/"


def _circle(edition, **kwargs):
    return CircleFactory(topic=TopicFactory(edition=edition), **kwargs)


def test_a_jitsi_room_is_stable_per_circle_and_differs_between_circles(edition, jitsi):
    first, second = _circle(edition), _circle(edition)

    room = video.room_url(first)

    assert room == video.room_url(first)
    assert room.startswith(f"https://meet.jit.si/klimakreise-{edition.slug}-{first.pk}-")
    assert video.room_url(second) != room


def test_a_jitsi_room_name_cannot_be_guessed_from_edition_and_circle(edition, jitsi, settings):
    circle = _circle(edition)
    room = video.room_url(circle)
    secret_part = room.rsplit("-", 1)[1]

    settings.SECRET_KEY = "another-installation-" + "x" * 40

    assert len(secret_part) >= 16
    assert video.room_url(circle).rsplit("-", 1)[1] != secret_part


def test_a_room_link_set_by_hand_wins_over_generated_rooms(edition, fake_bbb):
    circle = _circle(edition, video_room_url="https://rooms.example.org/ours")

    assert video.room_url(circle) == "https://rooms.example.org/ours"
    assert not video.is_personal(circle)
    participant = video.Participant(full_name="Ada", moderator=False)
    assert video.join_url(circle, participant) == "https://rooms.example.org/ours"
    assert fake_bbb.calls == []


def test_the_checksum_is_sha1_of_call_query_and_secret():
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    expected = hashlib.sha1(("create" + query + SECRET).encode()).hexdigest()  # noqa: S324

    assert video.checksum("create", query, SECRET) == expected
    assert len(expected) == 40


def test_a_bbb_address_carries_the_checksum_of_its_own_query(settings):
    settings.BBB_URL, settings.BBB_SECRET = "https://bbb.example.org/bigbluebutton/", SECRET

    address = video.bbb_url("join", {"fullName": "Jörg Ä", "meetingID": "m-1"})

    base, _, query = address.partition("?")
    signed, _, checksum = query.rpartition("&checksum=")
    assert base == "https://bbb.example.org/bigbluebutton/api/join"
    expected = hashlib.sha1(("join" + signed + SECRET).encode())  # noqa: S324 (BBB's format)
    assert checksum == expected.hexdigest()
    assert dict(urllib.parse.parse_qsl(signed))["fullName"] == "Jörg Ä"


def test_joining_creates_the_meeting_then_signs_a_personal_join_address(edition, fake_bbb):
    circle = _circle(edition)

    address = video.join_url(circle, video.Participant(full_name="Ada Lovelace", moderator=False))

    ((call, created),) = fake_bbb.calls
    assert call == "create" and created["meetingID"] == video.meeting_id(circle)
    assert created["attendeePW"] != created["moderatorPW"]
    params = dict(urllib.parse.parse_qsl(address.partition("?")[2]))
    assert params["fullName"] == "Ada Lovelace" and params["role"] == "VIEWER"
    assert params["password"] == created["attendeePW"]
    assert SECRET not in address


def test_staff_join_as_moderators_of_the_same_meeting(edition, fake_bbb):
    circle = _circle(edition)

    address = video.join_url(circle, video.Participant(full_name="Mo", moderator=True))

    params = dict(urllib.parse.parse_qsl(address.partition("?")[2]))
    assert params["role"] == "MODERATOR"
    assert params["password"] == fake_bbb.calls[0][1]["moderatorPW"]
    assert params["meetingID"] == video.meeting_id(circle)


def test_a_refusing_bbb_server_is_reported_not_raised_as_anything_else(edition, fake_bbb):
    fake_bbb.fail_with = "maxConcurrent"

    with pytest.raises(video.VideoRoomUnavailable, match="maxConcurrent"):
        video.join_url(_circle(edition), video.Participant(full_name="Ada", moderator=False))


def test_an_unreachable_bbb_server_is_reported(edition, settings):
    settings.BBB_URL, settings.BBB_SECRET = "http://127.0.0.1:9/bigbluebutton/", SECRET

    with pytest.raises(video.VideoRoomUnavailable):
        video.join_url(_circle(edition), video.Participant(full_name="Ada", moderator=False))


@pytest.mark.parametrize(
    ("bbb_url", "secret", "jitsi_url", "problem"),
    [
        ("https://bbb.example.org/bigbluebutton/", "", "https://meet.jit.si", "both"),
        ("", "s3cret", "https://meet.jit.si", "both"),
        ("bbb.example.org", "s3cret", "https://meet.jit.si", "BBB_URL must start"),
        ("", "", "meet.jit.si", "JITSI_URL must start"),
        ("", "", "", "JITSI_URL is empty"),
    ],
)
def test_a_half_configured_video_server_fails_the_system_check(
    settings, bbb_url, secret, jitsi_url, problem
):
    settings.BBB_URL, settings.BBB_SECRET, settings.JITSI_URL = bbb_url, secret, jitsi_url

    errors = [e for e in run_checks() if e.id == "klimakreise.E006"]

    assert len(errors) == 1 and problem in errors[0].msg


@pytest.mark.parametrize("bbb_url", ["", "https://bbb.example.org/bigbluebutton/"])
def test_a_complete_video_configuration_passes_the_system_check(settings, bbb_url):
    settings.BBB_URL, settings.BBB_SECRET = bbb_url, "s3cret" if bbb_url else ""

    assert not [e for e in run_checks() if e.id == "klimakreise.E006"]


def _published_assignment(client, edition):
    run_solver(client, edition)
    run = latest_run(edition)
    client.post(url("lock", edition, pk=run.pk), CONFIRMED)
    client.post(url("publish", edition, pk=run.pk), CONFIRMED)


def test_the_assignment_email_gives_the_jitsi_room(
    two_topics, edition, organizer, client_for, jitsi
):
    _published_assignment(client_for(organizer), edition)
    alma = two_topics["people"]["a2"]
    circle = alma.circle_membership.circle

    email = OutboxEmail.objects.get(to=alma.email)

    assert video.room_url(circle) in email.text and video.room_url(circle) in email.html


def test_the_assignment_email_links_the_personal_bbb_join_page(
    two_topics, edition, organizer, client_for, fake_bbb
):
    _published_assignment(client_for(organizer), edition)
    alma = two_topics["people"]["a2"]
    circle = alma.circle_membership.circle
    email = OutboxEmail.objects.get(to=alma.email)

    link = re.search(rf"http://\S+/circles/{circle.pk}/video/\?t=\S+", email.text)

    assert link and link.group(0) in email.html
    visitor = client_for(None)
    parts = urllib.parse.urlsplit(link.group(0))
    remembered = visitor.get(f"{parts.path}?{parts.query}")
    assert remembered.status_code == 302
    joined = visitor.get(remembered["Location"])
    params = dict(urllib.parse.parse_qsl(joined["Location"].partition("?")[2]))
    assert params["fullName"] == alma.name and params["role"] == "VIEWER"


def test_rooms_of_circles_in_different_editions_differ(series, jitsi):
    first = _circle(EditionFactory(series=series))
    second = _circle(EditionFactory(series=series))

    assert video.meeting_id(first) != video.meeting_id(second)


def test_a_chosen_moderator_outside_the_circle_gets_the_plain_join_page(fixed, organizer, fake_bbb):
    outsider = fixed["people"]["b1"]
    Registration.objects.filter(pk=outsider.pk).update(can_moderate=True)
    outsider.refresh_from_db()
    circle = fixed["circle_a"]

    choose_moderator(circle=circle, registration=outsider, actor=organizer)

    email = OutboxEmail.objects.get(to=outsider.email)
    assert f"/circles/{circle.pk}/video/" in email.text
    assert f"/circles/{circle.pk}/video/?t=" not in email.text


def test_the_moderators_member_list_links_the_plain_join_page_with_bbb(
    two_topics, edition, organizer, client_for, fake_bbb, settings
):
    moderator = UserFactory()
    circle = CircleFactory(topic=two_topics["a"], index=1, moderator=moderator)
    _published_assignment(client_for(organizer), edition)

    member_list = OutboxEmail.objects.get(to=moderator.email)

    join_page = f"{settings.SITE_URL}/circles/{circle.pk}/video/"
    assert re.search(rf"{re.escape(join_page)}(\s|$)", member_list.text)
    assert f"{join_page}?t=" not in member_list.text
