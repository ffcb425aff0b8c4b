"""The board's interactions as the server sees them: quick-add per column, moving a card to a
place (dragging), and the stack addresses — who may use them, bad input, conflicts, limits."""

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import Card, CardStack
from tests.boards.factories import CardFactory, member_client, publish

pytestmark = pytest.mark.django_db

PERSONAS = ["organizer", "staff", "member", "other_member", "stranger", "anonymous"]
HTMX = {"HTTP_HX_REQUEST": "true"}
STAFF = {"actor_user": None}


def _stacked(circle):
    first, second = CardFactory(circle=circle), CardFactory(circle=circle)
    return services.stack_cards(
        circle=circle,
        card_ids=[first.pk, second.pk],
        versions={second.pk: 1},
        title="Stapel",
        actor=STAFF,
    )


def _actions(circle):
    card, target = CardFactory(circle=circle), CardFactory(circle=circle)
    stack = _stacked(circle)
    stacked = stack.cards.order_by("pk").last()
    base = f"/circles/{circle.pk}"
    return {
        "stack": (f"{base}/cards/{card.pk}/stack/", {"version": 1, "target": f"card-{target.pk}"}),
        "unstack": (f"{base}/cards/{stacked.pk}/unstack/", {"version": stacked.version}),
        "rename": (f"{base}/stacks/{stack.pk}/rename/", {"title": "Neu", "version": 1}),
        "dissolve": (f"{base}/stacks/{stack.pk}/dissolve/", {"version": 1}),
        "drag_move": (
            f"{base}/cards/{card.pk}/move/",
            {"version": 1, "column": "next_steps", "position": 0},
        ),
        "quick_add": (f"{base}/cards/add/", {"column": "ideas", "text": "Schnell", "quick": "1"}),
    }


EXPECTED = [302, 302, 302, 403, 403, 403]  # organizer, staff, member, other_member, stranger, anon


ACTIONS = ["stack", "unstack", "rename", "dissolve", "drag_move", "quick_add"]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", PERSONAS)
def test_who_may_use_the_new_board_actions(persona, circle, action, who):
    client = persona(who)
    url, data = _actions(circle)[action]
    before = (
        list(Card.objects.values_list("pk", "version", "column", "stack_id")),
        list(CardStack.objects.values_list("pk", "title", "version")),
    )
    response = client.post(url, data)
    assert response.status_code == EXPECTED[PERSONAS.index(who)]
    after = (
        list(Card.objects.values_list("pk", "version", "column", "stack_id")),
        list(CardStack.objects.values_list("pk", "title", "version")),
    )
    assert (before != after) is (response.status_code == 302)


def test_quick_add_puts_the_card_into_its_column(persona, circle):
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/add/",
        {"column": "next_steps", "text": "Flyer drucken", "quick": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    assert Card.objects.get(text="Flyer drucken").column == "next_steps"
    assert 'id="quick-add-next_steps"' in response.content.decode()


def test_an_empty_quick_add_answers_with_the_error_at_its_field(persona, circle):
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/add/", {"column": "ideas", "text": "  ", "quick": "1"}, **HTMX
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#quick-add-ideas"
    html = response.content.decode()
    assert 'id="quick-add-error-ideas"' in html and "Text: This field is required." in html
    assert 'aria-invalid="true"' in html
    assert not Card.objects.exists()


def test_a_too_long_quick_add_keeps_what_was_typed(persona, circle):
    text = "x" * 2001
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/add/", {"column": "ideas", "text": text, "quick": "1"}, **HTMX
    )
    assert response.status_code == 422
    assert text in response.content.decode()
    assert not Card.objects.exists()


def test_the_quick_add_fields_are_shown_to_editors_only(persona, circle):
    url = f"/circles/{circle.pk}/board/"
    assert 'id="quick-add-text-ideas"' in persona("member").get(url).content.decode()
    publish(circle.edition)
    assert "quick-add" not in persona("anonymous").get(url).content.decode()


def test_dragging_puts_a_card_at_the_given_place(persona, circle):
    a, b, c = (CardFactory(circle=circle, text=t) for t in "ABC")
    target = CardFactory(circle=circle, column="next_steps", text="Z")
    client = persona("member")
    response = client.post(
        f"/circles/{circle.pk}/cards/{c.pk}/move/", {"version": 1, "column": "ideas", "position": 0}
    )
    assert response.status_code == 302
    order = list(
        Card.objects.filter(column="ideas").order_by("position").values_list("text", flat=True)
    )
    assert order == ["C", "A", "B"]
    client.post(
        f"/circles/{circle.pk}/cards/{a.pk}/move/",
        {"version": 1, "column": "next_steps", "position": 0},
    )
    steps = Card.objects.filter(column="next_steps").order_by("position")
    assert list(steps.values_list("text", flat=True)) == ["A", "Z"]
    assert target.pk in steps.values_list("pk", flat=True)


def test_a_drag_with_a_stale_version_answers_409_and_moves_nothing(persona, circle):
    card = CardFactory(circle=circle)
    services.edit_card(circle=circle, card_id=card.pk, version=1, text="neu", actor=STAFF)
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/{card.pk}/move/",
        {"version": 1, "column": "next_steps", "position": 0},
        **HTMX,
    )
    assert response.status_code == 409
    assert "Someone else changed this" in response.content.decode()
    assert Card.objects.get(pk=card.pk).column == "ideas"


@pytest.mark.parametrize("position", ["-1", "eins"])
def test_a_bad_position_is_refused_naming_the_field(persona, circle, position):
    card = CardFactory(circle=circle)
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/{card.pk}/move/",
        {"version": 1, "column": "next_steps", "position": position},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Position:" in response.content.decode()
    assert Card.objects.get(pk=card.pk).column == "ideas"


def test_dropping_a_card_onto_another_makes_a_stack_titled_by_its_text(persona, circle):
    target = CardFactory(circle=circle, text="Radwege ausbauen\nund mehr")
    card = CardFactory(circle=circle)
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/{card.pk}/stack/",
        {"version": 1, "target": f"card-{target.pk}"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Radwege ausbauen" in html and "Card stacked." in html
    assert CardStack.objects.get().title == "Radwege ausbauen"


def test_a_stack_with_a_bad_target_or_title_is_refused(persona, circle):
    card, other = CardFactory(circle=circle), CardFactory(circle=circle)
    client = persona("member")
    url = f"/circles/{circle.pk}/cards/{card.pk}/stack/"
    bad_target = client.post(url, {"version": 1, "target": "nonsense"}, **HTMX)
    assert bad_target.status_code == 422 and "Stack with:" in bad_target.content.decode()
    too_long = client.post(
        url, {"version": 1, "target": f"card-{other.pk}", "title": "x" * 121}, **HTMX
    )
    assert too_long.status_code == 422
    assert "Title of a new stack" in too_long.content.decode()
    assert not CardStack.objects.exists()


def test_a_stack_target_of_another_circle_answers_404(persona, circle, member_of_other_circle):
    foreign = CardFactory(circle=member_of_other_circle.circle_membership.circle)
    card = CardFactory(circle=circle)
    response = persona("member").post(
        f"/circles/{circle.pk}/cards/{card.pk}/stack/",
        {"version": 1, "target": f"card-{foreign.pk}"},
    )
    assert response.status_code == 404
    assert not CardStack.objects.exists()


def test_renaming_with_an_old_version_answers_409_with_the_board(persona, circle):
    stack = _stacked(circle)
    client = persona("member")
    url = f"/circles/{circle.pk}/stacks/{stack.pk}/rename/"
    assert client.post(url, {"title": "Erst", "version": 1}, **HTMX).status_code == 200
    late = client.post(url, {"title": "Später", "version": 1}, **HTMX)
    assert late.status_code == 409
    assert "Someone else changed this stack" in late.content.decode()
    assert CardStack.objects.get().title == "Erst"


def test_stack_changes_count_against_the_persons_limit(client_for, circle, member, settings):
    settings.KLIMAKREISE_BOARD_WRITE_RATE = "1/d"
    stack = _stacked(circle)
    client = member_client(client_for, circle, member)
    url = f"/circles/{circle.pk}/stacks/{stack.pk}/rename/"
    assert client.post(url, {"title": "Eins", "version": 1}).status_code == 302
    refused = client.post(url, {"title": "Zwei", "version": 2})
    assert refused.status_code == 429
    assert CardStack.objects.get().title == "Eins"


def test_the_history_shows_stack_actions_readably(client_for, organizer, circle):
    stack = _stacked(circle)
    services.rename_stack(circle=circle, stack_id=stack.pk, version=1, title="Neu", actor=STAFF)
    url = f"/manage/e/{circle.edition.slug}/workspaces/{circle.pk}/history/"
    html = client_for(organizer).get(url).content.decode()
    assert "stack renamed" in html and "stacked" in html
    assert "Stapel" in html and "Neu" in html and "Cards in the stack" in html


def test_the_refreshed_board_with_stacks_costs_the_same_queries_however_many(
    client_for, circle, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(circle.moderator)
    url = f"/circles/{circle.pk}/board/"
    _stacked(circle)
    client.get(url)  # sessions and caches warm
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    for _ in range(5):
        _stacked(circle)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="board-stack"') == 6
