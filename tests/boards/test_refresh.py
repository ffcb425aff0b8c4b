"""The board's refresh: 304 while nothing changed, the new board after a change, cheap queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimakreise.boards import services
from klimakreise.boards.models import CardChange
from tests.boards.factories import CardFactory


def _fragment(client, circle, etag=None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(f"/circles/{circle.pk}/board/", **headers)


def test_unchanged_board_answers_304_and_changed_board_200(persona, circle):
    client = persona("member")
    first = _fragment(client, circle)
    assert first.status_code == 200 and first["ETag"]
    assert 'data-etag="' + first["ETag"].replace('"', "&quot;") in first.content.decode()
    assert _fragment(client, circle, first["ETag"]).status_code == 304

    services.add_card(circle=circle, column="ideas", text="Neue Idee", actor={"actor_user": None})

    changed = _fragment(client, circle, first["ETag"])
    assert changed.status_code == 200 and "Neue Idee" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]
    assert changed["Cache-Control"] == "private, no-store"


def test_viewers_who_may_edit_get_a_different_etag_than_readers(persona, circle):
    member = _fragment(persona("member"), circle)
    organizer = _fragment(persona("organizer"), circle)
    assert member["ETag"] != organizer["ETag"]  # organizers also see the vote controls


def test_switching_member_editing_off_changes_the_members_board(persona, circle):
    client = persona("member")
    etag = _fragment(client, circle)["ETag"]
    from klimakreise.boards.models import BoardSettings

    BoardSettings.objects.create(edition=circle.edition, members_can_edit=False)
    response = _fragment(client, circle, etag)
    assert response.status_code == 200
    assert 'id="edit-' not in response.content.decode()


def test_unchanged_refresh_costs_a_constant_handful_of_queries(persona, circle):
    client = persona("member")
    etag = _fragment(client, circle)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert _fragment(client, circle, etag).status_code == 304
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    # session read, circle with its revision, membership, session write (idle timeout)
    assert len(statements) <= 4, statements


@pytest.mark.parametrize("who", ["member", "organizer"])
def test_board_fragment_queries_do_not_grow_with_cards(persona, circle, who):
    client = persona(who)
    services.open_vote(circle=circle, dots_per_person=3, actor={"actor_user": None})
    CardFactory.create_batch(5, circle=circle)
    with CaptureQueriesContext(connection) as few:
        assert _fragment(client, circle).status_code == 200
    CardFactory.create_batch(45, circle=circle, column="next_steps")
    with CaptureQueriesContext(connection) as many:
        response = _fragment(client, circle)
    assert response.content.decode().count('class="board-card"') == 50
    assert len(few) == len(many)


def test_workspace_shows_live_status_regions_and_stable_ids(persona, circle):
    page = persona("member").get(f"/circles/{circle.pk}/").content.decode()
    for marker in [
        'id="board"',
        'hx-trigger="every 3s, kk:changed"',
        'id="board-live" role="status"',
        'id="save-status" role="status"',
        'id="cards-ideas"',
        'id="cards-next_steps"',
        'id="cards-responsibilities"',
        'id="add-card-form"',
        "boards/htmx.min.js",
        "meet.example.org",
    ]:
        assert marker in page, marker


def test_personal_link_leaves_the_address_and_rejects_foreign_tokens(client_for, circle, member):
    from klimakreise.registrations.links import make_token

    client = client_for(None)
    response = client.get(f"/circles/{circle.pk}/?t={make_token(member)}")
    assert response.status_code == 302 and response["Location"] == f"/circles/{circle.pk}/"
    assert client.get(f"/circles/{circle.pk}/?t=forged").status_code == 403
    other = client_for(None)
    assert other.get(f"/circles/{circle.pk}/?t=forged").status_code == 403
    assert other.get(f"/circles/{circle.pk}/").status_code == 403


def test_revoked_link_no_longer_opens_the_board(client_for, circle, member):
    from tests.boards.factories import member_client

    client = member_client(client_for, circle, member)
    member.link_version += 1
    member.save()
    assert client.get(f"/circles/{circle.pk}/").status_code == 403


def test_a_public_refresh_reads_who_may_be_named_once(persona, circle):
    from tests.boards.factories import publish

    publish(circle.edition)
    client = persona("anonymous")
    first = _fragment(client, circle)
    with CaptureQueriesContext(connection) as queries:
        assert _fragment(client, circle, first["ETag"]).status_code == 304
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    # circle with its revision and edition, the names the public may not read
    assert len(statements) <= 2, statements
    with CaptureQueriesContext(connection) as queries:
        assert _fragment(client, circle).status_code == 200
    names = [q for q in queries if "registrations_registration" in q["sql"]]
    assert len(names) == 1, names


def _revision_shown(response) -> int:
    return int(re.search(r'data-revision="(\d+)"', response.content.decode()).group(1))


def test_the_board_tells_its_revision_in_a_header_and_a_data_attribute(persona, circle):
    client = persona("member")
    first = _fragment(client, circle)
    assert first["X-Board-Revision"] == str(_revision_shown(first)) == "0"
    card = services.add_card(circle=circle, column="ideas", text="Neu", actor={"actor_user": None})
    newest = CardChange.objects.filter(circle=circle).latest("id").pk
    changed = _fragment(client, circle, first["ETag"])
    assert changed["X-Board-Revision"] == str(_revision_shown(changed)) == str(newest)
    unchanged = _fragment(client, circle, changed["ETag"])
    assert unchanged.status_code == 304 and unchanged["X-Board-Revision"] == str(newest)
    assert card.pk  # the change that moved the revision


def test_answers_to_a_change_carry_the_new_revision_refusals_of_the_add_form_do_not(
    persona, circle
):
    client = persona("staff")
    url = f"/circles/{circle.pk}/cards/add/"
    added = client.post(url, {"column": "ideas", "text": "Idee"}, HTTP_HX_REQUEST="true")
    newest = CardChange.objects.filter(circle=circle).latest("id").pk
    assert added["X-Board-Revision"] == str(_revision_shown(added)) == str(newest)
    card = circle.cards.get()
    stale = client.post(
        f"/circles/{circle.pk}/cards/{card.pk}/remove/",
        {"version": card.version + 1},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code == 409 and stale["X-Board-Revision"] == str(newest)
    refused = client.post(url, {"column": "ideas", "text": ""}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422 and "X-Board-Revision" not in refused
