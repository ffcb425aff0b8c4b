"""The plenary: the console's timer, message and call back, each circle's top ideas, and no card
of a circle whose writing is hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimakreise.boards import services
from klimakreise.boards.models import CircleState
from klimakreise.boards.services import facilitation
from tests.boards.factories import CardFactory, make_circle

ACTOR = {"actor_user": None}


def _plenary(client, circle) -> str:
    response = client.get(f"/e/{circle.edition.slug}/plenary/")
    assert response.status_code == 200
    return response.content.decode()


def _vote(circle, dots: dict, *, close=True):
    """A vote on the circle with `dots` (card → number of dots), closed unless told."""
    services.open_vote(circle=circle, dots_per_person=9, actor=ACTOR)
    for card, n in dots.items():
        for i in range(n):
            services.place_dot(circle=circle, card_id=card.pk, voter_key=f"voter-{i}")
    if close:
        services.close_vote(circle=circle, actor=ACTOR)


@pytest.mark.parametrize("who", ["organizer", "staff"])
def test_the_plenary_shows_no_card_of_a_circle_whose_writing_is_hidden(persona, circle, who):
    CardFactory(circle=circle, column="next_steps", text="Geheimer Schritt")
    CardFactory(circle=circle, column="ideas", text="Geheime Idee")
    facilitation.set_phase(circles=[circle], phase=CircleState.Phase.HIDDEN_WRITING, actor=ACTOR)
    page = _plenary(persona(who), circle)
    assert "Geheimer Schritt" not in page and "Geheime Idee" not in page
    assert "Writing is hidden in this circle" in page


def test_the_reveal_shows_the_cards_on_the_plenary(persona, circle):
    CardFactory(circle=circle, column="next_steps", text="Geheimer Schritt")
    facilitation.set_phase(circles=[circle], phase=CircleState.Phase.HIDDEN_WRITING, actor=ACTOR)
    facilitation.set_phase(circles=[circle], phase=CircleState.Phase.OPEN, actor=ACTOR)
    assert "Geheimer Schritt" in _plenary(persona("organizer"), circle)


def test_a_timer_message_and_call_for_every_circle_show_once_on_the_plenary(
    persona, circle, running
):
    circles = [circle, make_circle(running)]
    facilitation.start_timer(circles=circles, minutes=7, actor=ACTOR)
    facilitation.broadcast(circles=circles, text="Noch fünf Minuten!", actor=ACTOR)
    facilitation.call_to_plenary(circles=circles, actor=ACTOR)
    page = _plenary(persona("organizer"), circle)
    assert page.count('class="countdown"') == 1
    assert page.count("Noch fünf Minuten!") == 1
    assert "Everyone back to the plenary, please." in page
    assert "boards/timer.js" in page


def test_a_message_to_one_circle_names_that_circle_on_the_plenary(persona, circle, running):
    other = make_circle(running)
    facilitation.broadcast(circles=[other], text="Nur für euch", actor=ACTOR)
    page = _plenary(persona("organizer"), circle)
    notice = page[page.index("Nur für euch") :].split("</p>")[0]
    assert other.name in notice


def test_the_plenary_shows_the_three_ideas_with_most_dots_of_the_closed_vote(persona, circle):
    ideas = [CardFactory(circle=circle, text=f"Idee {c}", position=i) for i, c in enumerate("ABCD")]
    _vote(circle, {ideas[0]: 1, ideas[1]: 4, ideas[2]: 2, ideas[3]: 3})
    page = _plenary(persona("organizer"), circle)
    top = page[page.index("Top ideas") :]
    assert top.index("Idee B") < top.index("Idee D") < top.index("Idee C")
    assert "Idee A" not in page
    assert "4 dots" in top


def test_the_dots_of_an_open_vote_stay_off_the_plenary(persona, circle):
    idea = CardFactory(circle=circle, text="Idee im Rennen")
    _vote(circle, {idea: 2}, close=False)
    page = _plenary(persona("organizer"), circle)
    assert "Top ideas" not in page and "Idee im Rennen" not in page


def test_the_plenary_costs_the_same_queries_with_votes_and_states_in_every_circle(
    persona, circle, running
):
    client = persona("organizer")

    def add_circle_with_vote(target):
        idea = CardFactory(circle=target, text="Idee")
        _vote(target, {idea: 2})
        facilitation.broadcast(circles=[target], text="Hallo", actor=ACTOR)

    add_circle_with_vote(circle)
    with CaptureQueriesContext(connection) as one:
        _plenary(client, circle)
    for _ in range(4):
        add_circle_with_vote(make_circle(running))
    with CaptureQueriesContext(connection) as five:
        page = _plenary(client, circle)
    assert page.count("Top ideas") == 5
    assert len(one) == len(five)
