"""Fan-out of board changes to the streams of every app process: Redis pub/sub when configured,
PostgreSQL LISTEN/NOTIFY on PostgreSQL, within the process on SQLite; the keeper's look at the
log for a notification that never came."""

import asyncio
import threading
import uuid

import psycopg
import pytest
import redis
from asgiref.sync import async_to_sync
from django.db import connection, transaction

from klimakreise.boards import fanout, presence, services, stream
from klimakreise.boards.models import CardChange
from tests.boards.test_stream import next_event

REDIS_URL = "redis://127.0.0.1:6379/0"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LISTEN/NOTIFY of PostgreSQL"
)


def _add(circle, text="Idee"):
    services.add_card(circle=circle, column="ideas", text=text, actor={"actor_user": None})
    return CardChange.objects.filter(circle=circle).latest("pk").pk


def _add_in_another_thread(circle, text="Von woanders") -> int:
    """A change saved by another connection, as another request (or process) would."""
    result = {}

    def write():
        try:
            result["revision"] = _add(circle, text)
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(timeout=30)
    return result["revision"]


@pytest.fixture
def long_streams(settings):
    settings.BOARD_STREAM_SECONDS = 60


@pytest.fixture
def channel(settings):
    """A channel of this test's own: other test runs may share the Redis server."""
    settings.EVENTS_CHANNEL = f"kk_test_{uuid.uuid4().hex}"
    return settings.EVENTS_CHANNEL


def _follow_until_a_change_from_elsewhere(circle):
    seen = _add(circle, "Gesehen")
    events = stream.board_events(circle.pk, seen)
    try:
        assert next(events).startswith("retry: ")
        new = _add_in_another_thread(circle)
        return new, next_event(events)
    finally:
        events.close()


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_elsewhere_reaches_a_waiting_stream(circle, long_streams):
    """In-process on SQLite, through NOTIFY and the listener's connection on PostgreSQL."""
    new, line = _follow_until_a_change_from_elsewhere(circle)
    assert line == stream.event(new)


@pytest.mark.django_db(transaction=True)
def test_with_redis_a_change_reaches_a_waiting_stream_through_pub_sub(
    circle, long_streams, channel, settings
):
    settings.EVENTS_REDIS_URL = REDIS_URL
    listener = redis.Redis.from_url(REDIS_URL).pubsub(ignore_subscribe_messages=True)
    listener.subscribe(channel)
    new, line = _follow_until_a_change_from_elsewhere(circle)
    assert line == stream.event(new)
    published = [listener.get_message(timeout=2) for _ in range(3)]
    listener.close()
    payloads = [message["data"].decode() for message in published if message]
    assert f"{circle.pk}:{new}" in payloads  # ids only: nothing of the card travels


@pytest.mark.django_db(transaction=True)
def test_redis_hears_of_a_change_only_once_it_is_committed(circle, channel, settings):
    settings.EVENTS_REDIS_URL = REDIS_URL
    listener = redis.Redis.from_url(REDIS_URL).pubsub(ignore_subscribe_messages=True)
    listener.subscribe(channel)
    listener.get_message(timeout=1)
    with pytest.raises(RuntimeError), transaction.atomic():
        _add(circle, "Zurückgerollt")
        raise RuntimeError
    assert listener.get_message(timeout=1) is None
    revision = _add(circle, "Gespeichert")
    message = listener.get_message(timeout=5)
    listener.close()
    assert message["data"].decode() == f"{circle.pk}:{revision}"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_notifies_the_ids_when_the_change_commits_and_not_before(circle, channel):
    params = connection.get_connection_params()
    with connection.get_new_connection(params) as listener:
        listener.autocommit = True
        listener.execute(f'LISTEN "{channel}"')
        with transaction.atomic():
            _add(circle, "Noch offen")
            assert list(listener.notifies(timeout=0.5)) == []
        payloads = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    newest = CardChange.objects.filter(circle=circle).latest("pk").pk
    assert payloads == [f"{circle.pk}:{newest}"]
    assert isinstance(listener, psycopg.Connection)


@pytest.mark.django_db(transaction=True)
def test_under_asgi_a_waiting_stream_gets_a_change_saved_elsewhere(circle, long_streams):
    seen = _add(circle, "Gesehen")

    async def follow():
        events = stream.board_events_async(circle.pk, seen)
        assert (await anext(events)).startswith("retry: ")  # caught up, now waiting
        loop = asyncio.get_running_loop()
        writer = loop.run_in_executor(None, _add_in_another_thread, circle)
        line = await anext(events)
        await events.aclose()
        return await writer, line

    new, line = async_to_sync(follow)()
    assert line == stream.event(new)


def test_a_change_no_notification_announced_is_found_by_the_keepers_look(circle):
    hub = fanout.Hub()  # no threads: the keeper's step is called by hand
    watch = hub.watch([circle.pk], viewer="u1")
    seen = _add(circle)
    hub.note(circle.pk, seen)
    lost = CardChange.objects.create(circle=circle, action=CardChange.Action.EDITED)
    presence._tick(hub, "test-process", {"written": 0.0, "purged": 0.0, "told": {}})
    follower = stream.Follower(stream.board_log(circle.pk), seen)
    lines, look = follower.lines(watch.take())
    assert look
    assert follower.looked(stream.catch_up(follower.log, follower.seen)) == [stream.event(lost.pk)]


def test_a_circle_whose_changes_were_all_announced_costs_no_look(circle):
    hub = fanout.Hub()
    watch = hub.watch([circle.pk])
    revision = _add(circle)
    hub.announce(circle.pk, revision)
    presence._tick(hub, "test-process", {"written": 0.0, "purged": 0.0, "told": {}})
    assert watch.take() == [("change", revision)]


def test_only_the_streams_of_the_changed_circle_are_woken():
    hub = fanout.Hub()
    here, elsewhere = hub.watch([1]), hub.watch([2])
    plenary = hub.watch([1, 2])
    hub.announce(1, 41)
    assert here.take() == [("change", 41)] and plenary.take() == [("change", 41)]
    assert elsewhere.take() == []
    hub.forget(here)
    hub.announce(1, 42)
    assert here.take() == [] and plenary.take() == [("change", 42)]


def test_a_revision_committed_late_refreshes_the_board_and_a_repeated_one_does_not():
    follower = stream.Follower(stream.board_log(1), seen=10)
    lines, look = follower.lines([("change", 12), ("change", 11), ("change", 12), ("change", 9)])
    # 11 was saved before 12 but committed after it: a reload at 12; 9 was in the catch-up.
    assert lines == [stream.event(12), stream.reload_event(12)] and not look


@pytest.mark.parametrize("payload", [b"7:42", "7:42"])
def test_a_payload_is_a_circle_and_a_revision(payload):
    assert fanout.parse(payload) == (7, 42)


@pytest.mark.parametrize("payload", [b"", "x:1", "7", "7:", b"\xff:1"])
def test_a_garbled_payload_is_ignored(payload):
    assert fanout.parse(payload) is None


def test_a_garbled_payload_wakes_nobody():
    hub = fanout.Hub()
    watch = hub.watch([7])
    fanout._deliver(hub, b"7:x")
    assert watch.take() == []
