"""Stacks of similar cards: the services (versions, lock, hidden writing, bad input), the board's
reading (a member never receives another member's hidden card through a stack), the pages."""

import pytest

from klimakreise.boards import services
from klimakreise.boards.access import viewer_for
from klimakreise.boards.board import circle_with_revision
from klimakreise.boards.models import Card, CardChange, CardStack, CircleState
from klimakreise.boards.reading import board_view
from klimakreise.boards.services import facilitation
from klimakreise.registrations.services import delete_registration
from tests.boards.factories import CardFactory, make_circle, make_member, member_client

pytestmark = pytest.mark.django_db

STAFF = {"actor_user": None}


@pytest.fixture
def ideas(circle):
    return [CardFactory(circle=circle, text=f"Idee {n}") for n in range(3)]


def _stack(circle, cards, title="Verkehr", actor=STAFF):
    return services.stack_cards(
        circle=circle,
        card_ids=[card.pk for card in cards],
        versions={card.pk: card.version for card in cards[1:]},
        title=title,
        actor=actor,
    )


def test_stacking_two_cards_makes_a_titled_stack_and_records_it(circle, ideas):
    stack = _stack(circle, ideas[:2], title="  Verkehr  ")
    assert stack.title == "Verkehr" and stack.column == "ideas"
    assert set(stack.cards.values_list("pk", flat=True)) == {ideas[0].pk, ideas[1].pk}
    change = CardChange.objects.filter(circle=circle).first()
    assert change.action == CardChange.Action.STACKED
    assert change.after["stack"] == "Verkehr" and "Idee 1" in change.after["cards"]


def test_stacking_onto_a_stacked_card_joins_its_stack_and_keeps_its_title(circle, ideas):
    stack = _stack(circle, ideas[:2])
    joined = _stack(circle, [ideas[0], ideas[2]], title="anders")
    assert joined.pk == stack.pk and joined.title == "Verkehr"
    assert stack.cards.count() == 3


def test_a_card_from_another_column_joins_the_stacks_column(circle, ideas):
    step = CardFactory(circle=circle, column=Card.Column.NEXT_STEPS)
    _stack(circle, [ideas[0], step])
    step.refresh_from_db()
    assert step.column == Card.Column.IDEAS and step.stack_id is not None


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "please write a title"), ("x" * 121, "at most 120"), ("a\x00b", "")],
)
def test_a_bad_title_is_refused_naming_the_field_and_nothing_changes(circle, ideas, title, message):
    with pytest.raises(services.BoardError) as refused:
        _stack(circle, ideas[:2], title=title)
    assert "Title of the stack" in str(refused.value.message)
    assert message in str(refused.value.message)
    assert not CardStack.objects.exists()
    assert not Card.objects.filter(stack__isnull=False).exists()


def test_a_card_of_another_circle_cannot_be_stacked(circle, running, ideas):
    foreign = CardFactory(circle=make_circle(running))
    with pytest.raises(services.StaleEdit):
        _stack(circle, [ideas[0], foreign])
    foreign.refresh_from_db()
    assert foreign.stack_id is None and not CardStack.objects.exists()


def test_a_single_card_cannot_be_stacked_with_itself(circle, ideas):
    with pytest.raises(services.BoardError):
        _stack(circle, [ideas[0], ideas[0]])
    assert not CardStack.objects.exists()


def test_a_stale_version_is_refused_and_nothing_changes(circle, ideas):
    services.edit_card(
        circle=circle, card_id=ideas[1].pk, version=ideas[1].version, text="neu", actor=STAFF
    )
    with pytest.raises(services.StaleEdit):
        _stack(circle, ideas[:2])  # ideas[1] still holds the old version
    assert not CardStack.objects.exists()


def test_a_locked_board_refuses_every_stack_change(circle, ideas):
    stack = _stack(circle, ideas[:2])
    facilitation.set_board_locked(circles=[circle], locked=True, actor=STAFF)
    calls = [
        lambda: _stack(circle, [ideas[0], ideas[2]]),
        lambda: services.rename_stack(
            circle=circle, stack_id=stack.pk, version=stack.version, title="X", actor=STAFF
        ),
        lambda: services.unstack_card(circle=circle, card_id=ideas[1].pk, version=2, actor=STAFF),
        lambda: services.dissolve_stack(
            circle=circle, stack_id=stack.pk, version=stack.version, actor=STAFF
        ),
    ]
    for call in calls:
        with pytest.raises(services.BoardError, match="locked"):
            call()
    stack.refresh_from_db()
    assert stack.title == "Verkehr" and stack.cards.count() == 2


def test_renaming_checks_the_stacks_version(circle, ideas):
    stack = _stack(circle, ideas[:2])
    services.rename_stack(circle=circle, stack_id=stack.pk, version=1, title="Neu", actor=STAFF)
    with pytest.raises(services.StaleStack):
        services.rename_stack(circle=circle, stack_id=stack.pk, version=1, title="Alt", actor=STAFF)
    stack.refresh_from_db()
    assert stack.title == "Neu" and stack.version == 2
    assert CardChange.objects.filter(action=CardChange.Action.STACK_RENAMED).count() == 1


def test_taking_out_one_of_two_cards_dissolves_the_stack(circle, ideas):
    stack = _stack(circle, ideas[:2])
    card = Card.objects.get(pk=ideas[1].pk)
    services.unstack_card(circle=circle, card_id=card.pk, version=card.version, actor=STAFF)
    assert not CardStack.objects.filter(pk=stack.pk).exists()
    assert not Card.objects.filter(stack__isnull=False).exists()
    assert CardChange.objects.filter(action=CardChange.Action.UNSTACKED).exists()


def test_dissolving_keeps_the_cards_and_records_the_titles(circle, ideas):
    stack = _stack(circle, ideas)
    services.dissolve_stack(circle=circle, stack_id=stack.pk, version=stack.version, actor=STAFF)
    assert Card.objects.filter(circle=circle).count() == 3
    assert not CardStack.objects.exists()
    change = CardChange.objects.filter(action=CardChange.Action.STACK_DISSOLVED).get()
    assert change.before["stack"] == "Verkehr"


def test_moving_a_stacked_card_to_another_column_takes_it_out(circle, ideas):
    _stack(circle, ideas)
    card = Card.objects.get(pk=ideas[2].pk)
    services.move_card(
        circle=circle, card_id=card.pk, version=card.version, column="next_steps", actor=STAFF
    )
    card.refresh_from_db()
    assert card.stack_id is None and CardStack.objects.get().cards.count() == 2


def test_removing_a_card_leaves_no_stack_of_one(circle, ideas):
    _stack(circle, ideas[:2])
    card = Card.objects.get(pk=ideas[1].pk)
    services.remove_card(circle=circle, card_id=card.pk, version=card.version, actor=STAFF)
    assert not CardStack.objects.exists()


# --- hidden writing -----------------------------------------------------------------------------


@pytest.fixture
def hidden(circle, member):
    other = make_member(circle)
    facilitation.set_phase(circles=[circle], phase=CircleState.Phase.HIDDEN_WRITING, actor=STAFF)
    mine = [
        services.add_card(
            circle=circle, column="ideas", text=f"Meine {n}", actor={"actor_registration": member}
        )
        for n in range(2)
    ]
    theirs = services.add_card(
        circle=circle, column="ideas", text="Fremde Idee", actor={"actor_registration": other}
    )
    return mine, theirs


def test_while_hidden_a_member_cannot_stack_another_members_card(circle, member, hidden):
    mine, theirs = hidden
    with pytest.raises(services.StaleEdit):
        _stack(circle, [theirs, mine[0]], actor={"actor_registration": member})
    assert not CardStack.objects.exists()
    _stack(circle, mine, actor={"actor_registration": member})  # their own: fine
    assert CardStack.objects.count() == 1


def test_a_stack_holding_a_hidden_card_shows_a_member_neither_title_nor_card(
    client_for, circle, member, hidden
):
    mine, theirs = hidden
    _stack(circle, [theirs, mine[0]], title="Geheimer Titel")  # staff stack while hidden
    html = member_client(client_for, circle, member).get(f"/circles/{circle.pk}/board/")
    text = html.content.decode()
    assert "Meine 0" in text
    assert "Fremde Idee" not in text and "Geheimer Titel" not in text
    staff_html = client_for(circle.moderator).get(f"/circles/{circle.pk}/board/").content.decode()
    assert "Geheimer Titel" in staff_html and "Fremde Idee" in staff_html


def test_while_hidden_a_member_cannot_rename_a_stack_holding_anothers_card(
    client_for, circle, member, hidden
):
    mine, theirs = hidden
    stack = _stack(circle, [theirs, mine[0]], title="Geheimer Titel")
    client = member_client(client_for, circle, member)
    response = client.post(
        f"/circles/{circle.pk}/stacks/{stack.pk}/rename/", {"title": "X", "version": 1}
    )
    assert response.status_code == 404
    assert CardStack.objects.get().title == "Geheimer Titel"


# --- reading ------------------------------------------------------------------------------------


def _viewer(rf, circle, user):
    request = rf.get("/")
    request.user = user
    request.session = {}
    return viewer_for(request, circle_with_revision(circle.pk))


def test_the_board_shows_a_stack_where_its_first_card_stands(rf, circle, ideas):
    _stack(circle, [ideas[2], ideas[0]], title="Oben")
    ideas_column = board_view(circle, viewer=_viewer(rf, circle, circle.moderator)).columns[0]
    first, second = ideas_column.items
    assert first.is_stack and first.title == "Oben"
    assert [card.pk for card in first.cards] == [ideas[0].pk, ideas[2].pk]
    assert second.pk == ideas[1].pk
    assert len(ideas_column.cards) == 3  # every card is still a card of the column


def test_the_board_with_stacks_is_read_in_a_fixed_number_of_queries(
    rf, circle, ideas, django_assert_max_num_queries, django_assert_num_queries
):
    viewer = _viewer(rf, circle, circle.moderator)
    _stack(circle, ideas[:2])
    with django_assert_max_num_queries(20) as few:
        board_view(circle, viewer=viewer)
    for n in range(6):  # more stacks and cards: not one query more
        _stack(circle, [CardFactory(circle=circle), CardFactory(circle=circle)], title=f"S{n}")
    with django_assert_num_queries(len(few.captured_queries)):
        board = board_view(circle, viewer=viewer)
    assert len(board.columns[0].stacks) == 7


def test_a_board_without_stacks_reads_no_stacks(
    rf, circle, ideas, django_assert_num_queries, django_assert_max_num_queries
):
    viewer = _viewer(rf, circle, circle.moderator)
    with django_assert_max_num_queries(20) as without:
        board_view(circle, viewer=viewer)
    assert not any("boards_cardstack" in q["sql"] for q in without.captured_queries)


def test_erasing_a_person_hides_their_name_in_stack_titles_and_their_history(circle, member):
    member.name = "Hedwig Ungenannt"
    member.save()
    cards = [CardFactory(circle=circle, text="Hedwig Ungenannt fragt"), CardFactory(circle=circle)]
    stack = _stack(circle, cards, title="Vorschlag von Hedwig Ungenannt")
    revision = CardChange.objects.filter(circle=circle).order_by("-id").first().pk

    delete_registration(registration=member)

    stack.refresh_from_db()
    assert stack.title == "Vorschlag von …" and stack.version == 2
    history = str(list(CardChange.objects.filter(circle=circle).values_list("before", "after")))
    assert "Ungenannt" not in history
    assert CardChange.objects.filter(circle=circle).order_by("-id").first().pk > revision
