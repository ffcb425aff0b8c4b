"""Facilitation services: the board lock refuses every card write and changes nothing."""

import re
from datetime import datetime

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import Card, CircleState
from klimakreise.boards.services import facilitation
from tests.boards.factories import CardFactory, make_circle

ACTOR = {"actor_user": None}


@pytest.fixture
def locked(circle):
    facilitation.set_board_locked(circles=[circle], locked=True, actor=ACTOR)
    return circle


def test_a_locked_board_refuses_a_new_card(locked):
    with pytest.raises(services.BoardError, match="locked"):
        services.add_card(circle=locked, column="ideas", text="Neu", actor=ACTOR)
    assert not Card.objects.filter(circle=locked).exists()


def test_a_locked_board_refuses_edits_moves_and_removals(locked):
    card = CardFactory(circle=locked, text="Alt")
    with pytest.raises(services.BoardError):
        services.edit_card(
            circle=locked, card_id=card.pk, version=card.version, text="Neu", actor=ACTOR
        )
    with pytest.raises(services.BoardError):
        services.remove_card(circle=locked, card_id=card.pk, version=card.version, actor=ACTOR)
    card.refresh_from_db()
    assert card.text == "Alt"


def test_unlocking_lets_writes_through_again(locked):
    facilitation.set_board_locked(circles=[locked], locked=False, actor=ACTOR)
    services.add_card(circle=locked, column="ideas", text="Neu", actor=ACTOR)
    assert Card.objects.filter(circle=locked, text="Neu").exists()


def test_a_member_saving_on_a_locked_board_reads_the_reason(persona, locked):
    response = persona("member").post(
        f"/circles/{locked.pk}/cards/add/",
        {"column": "ideas", "text": "Neu"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "locked" in response.content.decode()
    assert not Card.objects.filter(circle=locked).exists()


@pytest.mark.parametrize("minutes", [0, 121, -5, "10"])
def test_a_timer_outside_1_to_120_minutes_is_refused_and_changes_nothing(circle, minutes):
    with pytest.raises(services.BoardError, match="Minutes"):
        facilitation.start_timer(circles=[circle], minutes=minutes, actor=ACTOR)
    assert not CircleState.objects.filter(circle=circle).exists()


def test_a_timer_and_a_broadcast_reach_the_board_within_one_refresh(persona, circle):
    client = persona("member")
    first = client.get(f"/circles/{circle.pk}/board/")
    facilitation.start_timer(circles=[circle], minutes=10, actor=ACTOR)
    facilitation.broadcast(circles=[circle], text="  Noch zehn Minuten  ", actor=ACTOR)
    facilitation.call_to_plenary(circles=[circle], actor=ACTOR)
    after = client.get(f"/circles/{circle.pk}/board/", HTTP_IF_NONE_MATCH=first["ETag"])
    html = after.content.decode()
    assert after.status_code == 200
    ends = CircleState.objects.get(circle=circle).timer_ends_at
    shown = re.search(r'class="countdown" datetime="([^"]+)"', html).group(1)
    assert datetime.fromisoformat(shown) == ends
    assert "Noch zehn Minuten</p>" in html and 'role="status"' in html
    assert f"/e/{circle.edition.slug}/plenary/" in html


def test_stopping_the_timer_removes_it(circle):
    facilitation.start_timer(circles=[circle], minutes=5, actor=ACTOR)
    facilitation.stop_timer(circles=[circle], actor=ACTOR)
    assert CircleState.objects.get(circle=circle).timer_ends_at is None


@pytest.mark.parametrize("text", ["x" * 281, "Zeile\nzwei", "Steuer\x07zeichen"])
def test_a_bad_broadcast_is_refused_and_changes_nothing(circle, text):
    with pytest.raises(services.BoardError, match="Message"):
        facilitation.broadcast(circles=[circle], text=text, actor=ACTOR)
    assert not CircleState.objects.filter(circle=circle).exists()


def test_actions_reach_every_circle_given(circle, running):
    other = make_circle(running)
    facilitation.broadcast(circles=[circle, other], text="Hallo", actor=ACTOR)
    assert CircleState.objects.filter(broadcast="Hallo").count() == 2
