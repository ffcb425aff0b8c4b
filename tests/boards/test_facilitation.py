"""Facilitation services: the board lock refuses every card write and changes nothing."""

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import Card
from klimakreise.boards.services import facilitation
from tests.boards.factories import CardFactory

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
