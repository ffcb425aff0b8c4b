"""Hidden writing: other people's cards never reach a member's browser before the reveal."""

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import CardChange, CircleState
from klimakreise.boards.services import facilitation
from tests.boards.factories import make_member, member_client

MINE = "Meine geheime Idee"
THEIRS = "Fremde geheime Idee"


@pytest.fixture
def hidden(circle, member):
    other = make_member(circle)
    facilitation.set_phase(
        circles=[circle], phase=CircleState.Phase.HIDDEN_WRITING, actor={"actor_user": None}
    )
    services.add_card(
        circle=circle, column="ideas", text=MINE, actor={"actor_registration": member}
    )
    services.add_card(
        circle=circle, column="ideas", text=THEIRS, actor={"actor_registration": other}
    )
    return circle


def _board(client, circle):
    return client.get(f"/circles/{circle.pk}/board/").content.decode()


def _page(client, circle):
    return client.get(f"/circles/{circle.pk}/").content.decode()


def test_a_member_reads_only_own_cards_in_page_and_refresh_while_writing_is_hidden(persona, hidden):
    client = persona("member")
    for html in (_board(client, hidden), _page(client, hidden)):
        assert MINE in html
        assert THEIRS not in html  # the raw HTML: not sent at all


@pytest.mark.parametrize("who", ["staff", "organizer"])
def test_facilitators_read_every_card_while_writing_is_hidden(persona, hidden, who):
    html = _board(persona(who), hidden)
    assert MINE in html and THEIRS in html


def test_the_reveal_shows_every_card_to_members_within_one_refresh(persona, hidden):
    client = persona("member")
    before = client.get(f"/circles/{hidden.pk}/board/")
    facilitation.set_phase(circles=[hidden], phase="open", actor={"actor_user": None})
    after = client.get(f"/circles/{hidden.pk}/board/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert MINE in after.content.decode() and THEIRS in after.content.decode()


def test_two_members_get_different_etags_while_writing_is_hidden(client_for, hidden, member):
    other = make_member(hidden)
    first = member_client(client_for, hidden, member).get(f"/circles/{hidden.pk}/board/")
    second = member_client(client_for, hidden, other).get(f"/circles/{hidden.pk}/board/")
    assert first["ETag"] != second["ETag"]


def test_a_phase_change_is_recorded_in_the_board_history(hidden):
    assert CardChange.objects.filter(circle=hidden, action=CardChange.Action.FACILITATED).exists()


def test_an_unknown_phase_is_refused_and_changes_nothing(circle):
    with pytest.raises(services.BoardError):
        facilitation.set_phase(circles=[circle], phase="chaos", actor={"actor_user": None})
    assert not CircleState.objects.filter(circle=circle).exists()


def test_a_member_cannot_open_another_members_card_while_writing_is_hidden(persona, hidden):
    theirs = hidden.cards.get(text=THEIRS)
    response = persona("member").get(f"/circles/{hidden.pk}/cards/{theirs.pk}/edit/")
    assert response.status_code == 404
    assert THEIRS not in response.content.decode()


@pytest.mark.parametrize("what", ["move", "remove"])
def test_a_member_cannot_move_or_remove_an_unseen_card(persona, hidden, what):
    theirs = hidden.cards.get(text=THEIRS)
    url = f"/circles/{hidden.pk}/cards/{theirs.pk}/{what}/"
    response = persona("member").post(url, {"version": theirs.version, "direction": "down"})
    assert response.status_code == 404
    assert hidden.cards.filter(text=THEIRS).exists()
