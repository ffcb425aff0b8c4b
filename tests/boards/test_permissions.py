"""Who may see and change a circle's board: the permission matrix."""

import pytest

from klimakreise.boards.models import BoardSettings, Card, DotVote
from klimakreise.editions.models import Edition
from tests.boards.factories import CardFactory, publish

PERSONAS = ["organizer", "staff", "member", "other_member", "stranger", "anonymous"]


def _urls(circle, card):
    return {
        "workspace": f"/circles/{circle.pk}/",
        "board": f"/circles/{circle.pk}/board/",
        "card_edit": f"/circles/{circle.pk}/cards/{card.pk}/edit/",
        "notes": f"/circles/{circle.pk}/notes/",
        "plenary": f"/e/{circle.edition.slug}/plenary/",
    }


VIEW_EXPECTED = {
    # page: statuses for organizer, staff, member, other_member, stranger, anonymous
    "workspace": [200, 200, 200, 403, 403, 403],
    "board": [200, 200, 200, 403, 403, 403],
    "card_edit": [200, 200, 200, 403, 403, 403],
    "notes": [200, 200, 200, 403, 403, 403],
    "plenary": [200, 200, 404, 404, 404, 404],  # an edition-wide page: nothing learned
}


@pytest.mark.parametrize("page", list(VIEW_EXPECTED))
@pytest.mark.parametrize("who", PERSONAS)
def test_pages_while_running(persona, circle, page, who):
    card = CardFactory(circle=circle)
    response = persona(who).get(_urls(circle, card)[page])
    assert response.status_code == VIEW_EXPECTED[page][PERSONAS.index(who)]


def _post_actions(circle, card):
    return {
        "add": (f"/circles/{circle.pk}/cards/add/", {"column": "ideas", "text": "Neu"}),
        "edit": (
            f"/circles/{circle.pk}/cards/{card.pk}/edit/",
            {"text": "Geändert", "status": "open", "version": card.version},
        ),
        "move": (
            f"/circles/{circle.pk}/cards/{card.pk}/move/",
            {"column": "next_steps", "version": card.version},
        ),
        "remove": (f"/circles/{circle.pk}/cards/{card.pk}/remove/", {"version": card.version}),
        "notes": (f"/circles/{circle.pk}/notes/", {"text": "# Notizen", "version": 1}),
        "vote_open": (f"/circles/{circle.pk}/vote/open/", {"dots_per_person": 3}),
    }


EDIT_EXPECTED = {
    # action: statuses for organizer, staff, member, other_member, stranger, anonymous
    "add": [302, 302, 302, 403, 403, 403],
    "edit": [302, 302, 302, 403, 403, 403],
    "move": [302, 302, 302, 403, 403, 403],
    "remove": [302, 302, 302, 403, 403, 403],
    "notes": [302, 302, 302, 403, 403, 403],
    "vote_open": [302, 302, 403, 403, 403, 403],
}


@pytest.mark.parametrize("action", list(EDIT_EXPECTED))
@pytest.mark.parametrize("who", PERSONAS)
def test_changes_while_running(persona, circle, action, who):
    card = CardFactory(circle=circle)
    url, data = _post_actions(circle, card)[action]
    response = persona(who).post(url, data)
    assert response.status_code == EDIT_EXPECTED[action][PERSONAS.index(who)]


@pytest.mark.parametrize("action", list(EDIT_EXPECTED))
def test_members_cannot_change_when_organizers_switched_it_off(persona, circle, action):
    BoardSettings.objects.create(edition=circle.edition, members_can_edit=False)
    card = CardFactory(circle=circle)
    url, data = _post_actions(circle, card)[action]
    assert persona("member").post(url, data).status_code == 403
    assert persona("staff").post(url, data).status_code == 302


@pytest.mark.parametrize("status", ["published", "registration_closed", "documented"])
def test_members_read_but_cannot_change_unless_running(persona, circle, status):
    Edition.objects.filter(pk=circle.edition_id).update(status=status)
    card = CardFactory(circle=circle)
    client = persona("member")
    assert client.get(f"/circles/{circle.pk}/").status_code == 200
    url, data = _post_actions(circle, card)["edit"]
    assert client.post(url, data).status_code == 403
    assert Card.objects.get(pk=card.pk).text == card.text


def test_member_can_dot_vote_but_other_circles_member_cannot(persona, circle):
    card = CardFactory(circle=circle)
    DotVote.objects.create(circle=circle, dots_per_person=2)
    url = f"/circles/{circle.pk}/cards/{card.pk}/dot/"
    assert persona("member").post(url, {"action": "add"}).status_code == 302
    assert persona("other_member").post(url, {"action": "add"}).status_code == 403
    assert persona("anonymous").post(url, {"action": "add"}).status_code == 403
    assert card.dots.count() == 1


PUBLISHED_EXPECTED = {
    # after publication: the public may read, nobody but organizers/staff may change
    "workspace": [200, 200, 200, 200, 200, 200],
    "board": [200, 200, 200, 200, 200, 200],
    "plenary": [200, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("page", list(PUBLISHED_EXPECTED))
@pytest.mark.parametrize("who", PERSONAS)
def test_after_publication_the_public_reads(persona, circle, page, who):
    card = CardFactory(circle=circle, text="Öffentliche Idee")
    publish(circle.edition)
    response = persona(who).get(_urls(circle, card)[page])
    assert response.status_code == PUBLISHED_EXPECTED[page][PERSONAS.index(who)]


@pytest.mark.parametrize("who", ["member", "other_member", "stranger", "anonymous"])
def test_after_publication_the_public_cannot_change(persona, circle, who):
    card = CardFactory(circle=circle)
    Edition.objects.filter(pk=circle.edition_id).update(status=Edition.Status.DOCUMENTED)
    publish(circle.edition)
    for url, data in _post_actions(circle, card).values():
        assert persona(who).post(url, data).status_code == 403
    assert Card.objects.filter(circle=circle).count() == 1


def test_public_reader_sees_no_edit_controls_and_no_video_room(client_for, circle):
    CardFactory(circle=circle, text="Öffentliche Idee")
    publish(circle.edition)
    page = client_for(None).get(f"/circles/{circle.pk}/").content.decode()
    assert "Öffentliche Idee" in page
    assert 'id="add-card-form"' not in page
    assert "meet.example.org" not in page
