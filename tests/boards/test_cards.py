"""Cards: add, edit, move, remove through the views; stale edits are refused; history is kept."""

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import Card, CardChange
from tests.boards.factories import CardFactory


def _post_edit(client, circle, card, text, version):
    url = f"/circles/{circle.pk}/cards/{card.pk}/edit/"
    return client.post(url, {"text": text, "status": "open", "version": version})


def test_member_adds_a_next_step_with_responsible_due_date_and_status(persona, circle, member):
    data = {
        "column": "next_steps",
        "text": "Radweg planen",
        "responsible": "ADFC",
        "due_date": "2030-05-01",
        "status": "in_progress",
    }
    response = persona("member").post(f"/circles/{circle.pk}/cards/add/", data)
    assert response.status_code == 302
    card = Card.objects.get(circle=circle)
    assert (card.column, card.responsible, str(card.due_date), card.status) == (
        "next_steps",
        "ADFC",
        "2030-05-01",
        "in_progress",
    )
    change = CardChange.objects.get(circle=circle)
    assert change.action == "created" and change.actor_registration == member
    assert change.after["text"] == "Radweg planen"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"column": "ideas", "text": "   "}, "text"),
        ({"column": "nowhere", "text": "Idee"}, "column"),
        ({"column": "next_steps", "text": "X", "due_date": "31.31.2030"}, "due_date"),
        ({"column": "next_steps", "text": "X", "status": "maybe"}, "status"),
        ({"column": "ideas", "text": "x" * 2001}, "text"),
    ],
)
def test_bad_card_input_names_the_field_and_changes_nothing(persona, circle, data, field):
    response = persona("organizer").post(f"/circles/{circle.pk}/cards/add/", data)
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Card.objects.exists() and not CardChange.objects.exists()


def test_bad_input_with_htmx_rerenders_only_the_add_form(persona, circle):
    response = persona("organizer").post(
        f"/circles/{circle.pk}/cards/add/", {"column": "ideas", "text": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#add-card-form"
    assert 'id="id_text_error"' in response.content.decode()


def test_add_with_htmx_answers_with_the_board_and_the_save_status(persona, circle):
    response = persona("staff").post(
        f"/circles/{circle.pk}/cards/add/",
        {"column": "ideas", "text": "Baumpatenschaften"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="cards-ideas"' in page and "Baumpatenschaften" in page
    assert 'id="save-status" hx-swap-oob="innerHTML"' in page and "Card added." in page


def test_edit_saves_and_records_before_and_after(persona, circle, organizer):
    card = CardFactory(circle=circle, text="Alt")
    response = _post_edit(persona("organizer"), circle, card, "Neu", card.version)
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.text, card.version) == ("Neu", 2)
    change = CardChange.objects.get(action="edited")
    assert (change.before["text"], change.after["text"]) == ("Alt", "Neu")
    assert change.actor_user == organizer


def test_stale_edit_is_refused_showing_the_newer_text_and_keeping_ones_own(persona, circle):
    card = CardFactory(circle=circle, text="Original")
    client = persona("member")
    assert _post_edit(persona("staff"), circle, card, "Text der Moderation", 1).status_code == 302
    response = _post_edit(client, circle, card, "Mein Text", 1)
    page = response.content.decode()
    assert response.status_code == 409
    assert 'id="newer-text"' in page and "Text der Moderation" in page
    assert "Mein Text</textarea>" in page  # nothing typed is lost
    assert 'name="version" value="2"' in page  # saving again is a deliberate replace
    assert Card.objects.get(pk=card.pk).text == "Text der Moderation"
    assert CardChange.objects.filter(action="edited").count() == 1


def test_edit_of_a_removed_card_keeps_ones_text_to_copy(persona, circle):
    card = CardFactory(circle=circle)
    persona("staff").post(f"/circles/{circle.pk}/cards/{card.pk}/remove/", {"version": 1})
    url = f"/circles/{circle.pk}/cards/{card.pk}/edit/"
    response = persona("member").post(url, {"text": "Mein Text", "version": 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "removed this card" in page and 'id="own-text">Mein Text' in page


def test_move_between_columns_and_reorder(persona, circle):
    first, second, third = (CardFactory(circle=circle, position=i) for i in range(3))
    client = persona("member")
    client.post(f"/circles/{circle.pk}/cards/{third.pk}/move/", {"direction": "up", "version": 1})
    order = list(
        Card.objects.filter(column="ideas").order_by("position").values_list("pk", flat=True)
    )
    assert order == [first.pk, third.pk, second.pk]
    client.post(
        f"/circles/{circle.pk}/cards/{first.pk}/move/", {"column": "next_steps", "version": 1}
    )
    first.refresh_from_db()
    assert (first.column, first.position, first.version) == ("next_steps", 0, 2)
    order = list(
        Card.objects.filter(column="ideas").order_by("position").values_list("pk", flat=True)
    )
    assert order == [third.pk, second.pk]
    assert CardChange.objects.filter(action="moved").count() == 2


def test_moving_past_the_edge_is_refused_with_a_message(persona, circle):
    card = CardFactory(circle=circle)
    url = f"/circles/{circle.pk}/cards/{card.pk}/move/"
    response = persona("staff").post(url, {"direction": "up", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "already at the edge" in response.content.decode()
    card.refresh_from_db()
    assert card.version == 1 and not CardChange.objects.exists()


def test_stale_remove_is_refused(persona, circle):
    card = CardFactory(circle=circle)
    _post_edit(persona("staff"), circle, card, "Neu", 1)
    persona("member").post(f"/circles/{circle.pk}/cards/{card.pk}/remove/", {"version": 1})
    assert Card.objects.filter(pk=card.pk).exists()


def test_remove_keeps_the_card_in_the_history(persona, circle):
    card = CardFactory(circle=circle, text="Weg damit")
    persona("staff").post(f"/circles/{circle.pk}/cards/{card.pk}/remove/", {"version": 1})
    assert not Card.objects.filter(pk=card.pk).exists()
    change = CardChange.objects.get(action="deleted")
    assert change.before["text"] == "Weg damit" and change.before["id"] == card.pk
    history = (
        persona("organizer")
        .get(f"/manage/e/{circle.edition.slug}/workspaces/{circle.pk}/history/")
        .content.decode()
    )
    assert "Weg damit" in history


def test_history_lists_every_action_with_its_author(persona, circle, member, organizer):
    actor = {"actor_registration": member}
    card = services.add_card(circle=circle, column="ideas", text="A", actor=actor)
    services.edit_card(circle=circle, card_id=card.pk, version=1, text="B", actor=actor)
    services.move_card(circle=circle, card_id=card.pk, version=2, column="next_steps", actor=actor)
    services.save_notes(circle=circle, version=1, text="Notiz", actor={"actor_user": organizer})
    services.open_vote(circle=circle, dots_per_person=2, actor={"actor_user": organizer})
    services.close_vote(circle=circle, actor={"actor_user": organizer})
    services.remove_card(circle=circle, card_id=card.pk, version=3, actor=actor)
    actions = list(CardChange.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "created",
        "edited",
        "moved",
        "notes_edited",
        "vote_opened",
        "vote_closed",
        "deleted",
    ]
    page = (
        persona("organizer")
        .get(f"/manage/e/{circle.edition.slug}/workspaces/{circle.pk}/history/")
        .content.decode()
    )
    assert page.count(member.name) == 4 and organizer.name in page


def test_history_shows_field_labels_and_choice_names_not_raw_values(persona, circle):
    client = persona("organizer")
    client.post(
        f"/circles/{circle.pk}/cards/add/",
        {"column": "next_steps", "text": "Antrag stellen", "status": "in_progress"},
    )
    history = client.get(
        f"/manage/e/{circle.edition.slug}/workspaces/{circle.pk}/history/"
    ).content.decode()
    assert "Antrag stellen" in history
    assert "Next steps" in history
    assert ">next_steps<" not in history and ">column<" not in history


def _board_rows():
    return list(Card.objects.order_by("pk").values_list("column", "position", "text", "version"))


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("edit", {"text": "", "status": "open", "version": 1}, "text"),
        ("edit", {"text": "Neu", "status": "open", "version": "eins"}, "version"),
        ("edit", {"text": "Neu", "status": "irgendwie", "version": 1}, "status"),
        ("move", {"version": 1}, ""),
        ("move", {"column": "nirgends", "version": 1}, "column"),
        ("move", {"direction": "up", "version": "x"}, "version"),
        ("remove", {}, "version"),
        ("dot", {"action": "viele"}, "action"),
    ],
)
def test_bad_card_input_is_refused_with_a_message_and_changes_nothing(
    persona, circle, action, data, field
):
    card = CardFactory(circle=circle, text="Bleibt")
    services.open_vote(circle=circle, dots_per_person=3, actor={})
    before = _board_rows()
    url = f"/circles/{circle.pk}/cards/{card.pk}/{action}/"
    response = persona("member").post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    # The board answers with its save status; the edit page with the error at the field.
    assert 'class="save-message failed"' in html or f'id="id_{field}_error"' in html
    assert _board_rows() == before
    assert not card.dots.exists()
