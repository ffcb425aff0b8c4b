"""The board stream: revisions as event ids, Last-Event-ID replay, reload on a long gap, access."""

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient

from klimakreise.boards import services, stream
from klimakreise.boards.models import CardChange
from tests.boards.factories import CardFactory, make_circle, member_client, publish


@pytest.fixture(autouse=True)
def _streams_on(settings):
    settings.BOARD_STREAM = True


PERSONAS = ["organizer", "staff", "member", "other_member", "stranger", "anonymous"]


@pytest.fixture(autouse=True)
def _short_streams(settings):
    settings.BOARD_STREAM_SECONDS = 0  # catch-up only: the test client reads the stream to its end


def _add(circle, text="Idee"):
    services.add_card(circle=circle, column="ideas", text=text, actor={"actor_user": None})
    return CardChange.objects.filter(circle=circle).latest("pk").pk


def _read(client, circle, last=None):
    headers = {"HTTP_LAST_EVENT_ID": str(last)} if last is not None else {}
    response = client.get(f"/circles/{circle.pk}/stream/", **headers)
    body = b"".join(response.streaming_content).decode() if response.status_code == 200 else ""
    return response, body


def _ids(body):
    return [int(line[4:]) for line in body.splitlines() if line.startswith("id: ")]


def test_each_change_is_an_event_whose_id_is_the_boards_revision(persona, circle):
    first, second = _add(circle, "Eins"), _add(circle, "Zwei")
    response, body = _read(persona("member"), circle, last=0)
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache" and response["X-Accel-Buffering"] == "no"
    assert _ids(body) == [first, second]
    assert "Eins" not in body  # ids only: the board itself is fetched under the reading rules


def test_reconnecting_with_last_event_id_replays_exactly_the_missed_revisions(persona, circle):
    seen = _add(circle, "Gesehen")
    missed = [_add(circle, "Verpasst 1"), _add(circle, "Verpasst 2")]
    _add_elsewhere = CardFactory()  # another circle's change is not this board's business
    assert _add_elsewhere
    _, body = _read(persona("member"), circle, last=seen)
    assert _ids(body) == missed and "event: reload" not in body


def test_a_new_client_gets_no_replay(persona, circle):
    _add(circle)
    _, body = _read(persona("member"), circle)
    assert _ids(body) == [] and body.startswith("retry: ")


def test_a_gap_too_long_to_replay_asks_for_a_reload(persona, circle, monkeypatch):
    monkeypatch.setattr(stream, "MAX_REPLAY", 2)
    seen = _add(circle)
    newest = [_add(circle) for _ in range(3)][-1]
    _, body = _read(persona("member"), circle, last=seen)
    assert "event: reload" in body and _ids(body) == [newest]


def test_an_id_newer_than_the_log_asks_for_a_reload(persona, circle):
    newest = _add(circle)
    _, body = _read(persona("member"), circle, last=newest + 1000)
    assert "event: reload" in body and _ids(body) == [newest]


def test_a_garbled_last_event_id_counts_as_a_new_client(persona, circle):
    _add(circle)
    response = persona("member").get(f"/circles/{circle.pk}/stream/", HTTP_LAST_EVENT_ID="x")
    assert _ids(b"".join(response.streaming_content).decode()) == []


def next_event(events) -> str:
    """The next line that is not a heartbeat (a heartbeat comes at the latest every 15 s)."""
    for _ in range(8):
        line = next(events)
        if line != stream.HEARTBEAT:
            return line
    raise AssertionError("only heartbeats")


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_while_the_stream_waits_is_sent(circle, settings):
    settings.BOARD_STREAM_SECONDS = 60
    seen = _add(circle)
    events = stream.board_events(circle.pk, seen)
    try:
        assert next(events).startswith("retry: ")
        new = _add(circle, "Neu")
        assert next_event(events) == stream.event(new)
    finally:
        events.close()


def test_an_idle_stream_sends_a_heartbeat_comment(circle, settings, monkeypatch):
    settings.BOARD_STREAM_SECONDS = 60
    monkeypatch.setattr(stream, "HEARTBEAT_SECONDS", 0)
    events = stream.board_events(circle.pk, None)
    try:
        next(events)  # retry
        assert next(events) == ": heartbeat\n\n"
    finally:
        events.close()


STREAM_EXPECTED = [200, 200, 200, 403, 403, 403]  # the same as the board's refresh


@pytest.mark.parametrize("who", PERSONAS)
def test_who_may_read_the_stream_is_who_may_refresh_the_board(persona, circle, who):
    client = persona(who)
    stream_status = _read(client, circle)[0].status_code
    board_status = client.get(f"/circles/{circle.pk}/board/").status_code
    assert stream_status == board_status == STREAM_EXPECTED[PERSONAS.index(who)]


@pytest.mark.parametrize("who", PERSONAS)
def test_after_publication_everyone_may_read_the_stream(persona, circle, who):
    publish(circle.edition)
    assert _read(persona(who), circle)[0].status_code == 200


def test_the_stream_refuses_changes(persona, circle):
    assert persona("member").post(f"/circles/{circle.pk}/stream/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_under_asgi_the_stream_is_asynchronous_and_replays_the_same(client_for, circle, member):
    seen, missed = _add(circle), _add(circle)
    cookies = member_client(client_for, circle, member).cookies

    async def read():
        client = AsyncClient()
        client.cookies = cookies
        response = await client.get(
            f"/circles/{circle.pk}/stream/", headers={"Last-Event-ID": str(seen)}
        )
        assert response.status_code == 200 and response.is_async
        return "".join([chunk.decode() async for chunk in response.streaming_content])

    body = async_to_sync(read)()
    assert _ids(body) == [missed], body


def test_switched_off_there_is_no_stream_and_the_page_does_not_ask_for_one(
    settings, persona, circle
):
    settings.BOARD_STREAM = False
    client = persona("organizer")
    response, _body = _read(client, circle)
    assert response.status_code == 404
    page = client.get(f"/circles/{circle.pk}/").content.decode()
    assert "data-stream-url" not in page
    settings.BOARD_STREAM = True
    assert "data-stream-url" in client.get(f"/circles/{circle.pk}/").content.decode()


def _add_to(edition, text="Idee"):
    return _add(make_circle(edition), text)


def _read_plenary(client, edition, last=None):
    headers = {"HTTP_LAST_EVENT_ID": str(last)} if last is not None else {}
    response = client.get(f"/e/{edition.slug}/plenary/stream/", **headers)
    body = b"".join(response.streaming_content).decode() if response.status_code == 200 else ""
    return response, body


def test_the_plenary_stream_carries_every_circle_of_the_edition_and_only_those(persona, circle):
    edition = circle.edition
    seen = _add(circle, "Gesehen")
    missed = [_add_to(edition, "Anderer Kreis"), _add(circle, "Hier")]
    _add(CardFactory().circle, "Andere Ausgabe")
    response, body = _read_plenary(persona("organizer"), edition, last=seen)
    assert response["Content-Type"] == "text/event-stream"
    assert response["X-Accel-Buffering"] == "no"
    assert _ids(body) == missed and "Hier" not in body


def test_the_plenary_stream_asks_for_a_reload_after_a_long_gap(persona, circle, monkeypatch):
    monkeypatch.setattr(stream, "MAX_REPLAY", 1)
    seen = _add(circle)
    newest = [_add(circle) for _ in range(3)][-1]
    _, body = _read_plenary(persona("organizer"), circle.edition, last=seen)
    assert "event: reload" in body and _ids(body) == [newest]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("published", [False, True])
def test_who_may_read_the_plenary_stream_is_who_may_see_the_plenary(
    persona, circle, who, published
):
    if published:
        publish(circle.edition)
    client = persona(who)
    page = client.get(f"/e/{circle.edition.slug}/plenary/").status_code
    assert _read_plenary(client, circle.edition)[0].status_code == page
    assert page == (200 if published or who in ("organizer", "staff") else 404)


def test_the_plenary_page_asks_for_its_stream_only_when_streams_are_on(settings, persona, circle):
    client = persona("organizer")
    url = f"/e/{circle.edition.slug}/plenary/"
    assert f'data-stream-url="{url}stream/"' in client.get(url).content.decode()
    settings.BOARD_STREAM = False
    assert "data-stream-url" not in client.get(url).content.decode()
    assert _read_plenary(client, circle.edition)[0].status_code == 404
