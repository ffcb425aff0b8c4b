"""Joining a circle's video room from the workspace: who may, under which name, and what a
failing BigBlueButton server shows."""

import html
import re
import urllib.parse

import pytest

from klimakreise.boards.models import Card
from klimakreise.circles import video
from klimakreise.registrations.links import make_token
from tests.boards.factories import member_client, publish

PERSONAS = ["organizer", "staff", "member", "other_member", "stranger", "anonymous"]


@pytest.fixture
def generated(circle):
    """The conftest's circle has a room set by hand; these tests want a generated room."""
    circle.video_room_url = ""
    circle.save()
    return circle


@pytest.fixture
def jitsi(settings):
    settings.BBB_URL = settings.BBB_SECRET = ""
    settings.JITSI_URL = "https://meet.jit.si"


@pytest.mark.parametrize(
    ("who", "status"),
    list(zip(PERSONAS, [302, 302, 302, 403, 403, 403], strict=True)),
)
def test_who_may_join_the_video_room(persona, generated, jitsi, who, status):
    response = persona(who).get(f"/circles/{generated.pk}/video/")

    assert response.status_code == status
    if status == 302:
        assert response["Location"] == video.room_url(generated)


def test_public_readers_of_published_boards_may_not_join(client_for, generated, jitsi):
    publish(generated.edition)

    public_page = client_for(None).get(f"/circles/{generated.pk}/")
    response = client_for(None).get(f"/circles/{generated.pk}/video/")

    assert public_page.status_code == 200 and response.status_code == 403


def test_a_foreign_personal_link_is_refused_and_remembers_nothing(
    client_for, generated, member_of_other_circle, jitsi
):
    client = client_for(None)
    token = make_token(member_of_other_circle)

    assert client.get(f"/circles/{generated.pk}/video/?t={token}").status_code == 403
    assert client.get(f"/circles/{generated.pk}/video/").status_code == 403


def test_the_workspace_shows_the_join_link_and_the_jitsi_room(persona, generated, jitsi):
    page = persona("member").get(f"/circles/{generated.pk}/").content.decode()

    assert f'href="/circles/{generated.pk}/video/"' in page
    assert video.room_url(generated) in page


def test_a_member_joins_bbb_under_her_registered_name(
    client_for, generated, member, fake_bbb, settings
):
    client = member_client(client_for, generated, member)

    response = client.get(f"/circles/{generated.pk}/video/")

    params = dict(urllib.parse.parse_qsl(response["Location"].partition("?")[2]))
    assert response["Location"].startswith(settings.BBB_URL + "api/join?")
    assert (params["fullName"], params["role"]) == (member.name, "VIEWER")
    assert [call for call, _ in fake_bbb.calls] == ["create"]


def test_staff_join_bbb_under_their_account_name_as_moderators(client_for, generated, fake_bbb):
    moderator = generated.moderator
    moderator.name = "Mona Moderation"
    moderator.save()

    response = client_for(moderator).get(f"/circles/{generated.pk}/video/")

    params = dict(urllib.parse.parse_qsl(response["Location"].partition("?")[2]))
    assert (params["fullName"], params["role"]) == ("Mona Moderation", "MODERATOR")


def test_an_organizer_joins_under_the_account_name_as_moderator(
    client_for, organizer, generated, fake_bbb
):
    response = client_for(organizer).get(f"/circles/{generated.pk}/video/")

    params = dict(urllib.parse.parse_qsl(response["Location"].partition("?")[2]))
    assert (params["fullName"], params["role"]) == (organizer.name, "MODERATOR")


def test_a_failing_bbb_server_gives_a_clear_page_without_the_secret(
    client_for, generated, member, fake_bbb, settings
):
    fake_bbb.fail_with = "maxConcurrent"
    client = member_client(client_for, generated, member)

    response = client.get(f"/circles/{generated.pk}/video/")

    page = response.content.decode()
    assert response.status_code == 503
    assert "The video server could not open the room of this circle just now." in page
    assert settings.BBB_SECRET not in page and "checksum" not in page
    assert not Card.objects.exists()


def test_the_failure_page_is_german_for_german_visitors(
    client_for, generated, member, fake_bbb, settings
):
    settings.LANGUAGE_CODE = "de"
    fake_bbb.fail_with = "maxConcurrent"
    client = member_client(client_for, generated, member)

    page = client.get(f"/circles/{generated.pk}/video/", HTTP_ACCEPT_LANGUAGE="de").content
    assert "Videoraum nicht verfügbar" in page.decode()


def test_a_room_set_by_hand_is_used_even_with_bbb(client_for, circle, member, fake_bbb):
    client = member_client(client_for, circle, member)

    response = client.get(f"/circles/{circle.pk}/video/")

    assert response["Location"] == "https://meet.example.org/a"
    assert fake_bbb.calls == []


def test_the_personal_page_links_the_join_page_that_leads_to_the_room(
    client_for, generated, member, jitsi
):
    visitor = client_for(None)
    page = visitor.get(f"/r/{make_token(member)}/").content.decode()
    link = re.search(rf'href="(/circles/{generated.pk}/video/\?t=[^"]+)"', page)

    remembered = visitor.get(html.unescape(link.group(1)))
    joined = visitor.get(remembered["Location"])

    assert joined["Location"] == video.room_url(generated)


def test_a_member_chosen_as_moderator_leads_the_bbb_room(client_for, generated, member, fake_bbb):
    generated.moderator, generated.moderator_registration = None, member
    generated.save()
    client = member_client(client_for, generated, member)

    response = client.get(f"/circles/{generated.pk}/video/")

    params = dict(urllib.parse.parse_qsl(response["Location"].partition("?")[2]))
    assert (params["fullName"], params["role"]) == (member.name, "MODERATOR")


def test_with_bbb_the_workspace_links_the_join_page_and_shows_no_server_address(
    persona, generated, fake_bbb, settings
):
    page = persona("member").get(f"/circles/{generated.pk}/").content.decode()

    assert f'href="/circles/{generated.pk}/video/"' in page
    assert settings.BBB_URL not in page and settings.BBB_SECRET not in page
    assert fake_bbb.calls == []  # showing the workspace opens no meeting
