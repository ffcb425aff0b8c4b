"""How a saved board change reaches the open streams of every app process.

A change publishes a small payload, "<circle id>:<revision>" (ids only), once its transaction
commits: through Redis pub/sub when EVENTS_REDIS_URL is set, else PostgreSQL NOTIFY (sent inside
the change's transaction, which PostgreSQL delivers only at its commit), else — SQLite, one
process — straight to this process's hub. Each process has one Hub: one listener thread (a Redis
subscription or one connection doing LISTEN) hands each payload to the mailboxes (Watch) of the
streams of that circle, and one keeper thread (boards/presence.py) looks at the database every
few seconds, so that a lost notification delays a change by seconds but never loses it.
A waiting stream costs no query and no thread of its own under ASGI.
"""

import asyncio
import contextlib
import logging
import os
import threading

import psycopg
import redis
from django.conf import settings
from django.db import connection, transaction

from klimakreise.boards import presence

log = logging.getLogger(__name__)

GAP = 0  # a revision nobody knows: the stream looks at the database instead
RECONNECT_SECONDS = 2  # pause before a lost listener connection is opened again


class Watch:
    """One open stream's mailbox: what was announced for its circles since it last looked.

    Items are ("change", revision), ("gap", 0) and ("presence", count). A stream of an ASGI
    worker waits on an asyncio event of its loop, one of a WSGI worker on a threading event."""

    def __init__(self, circles, *, viewer: str | None, loop=None):
        self.circles = frozenset(circles)
        self.viewer = viewer  # counted as online on the one circle of a board stream
        self._items: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        self._loop = loop
        self._async_ready = asyncio.Event() if loop else None
        self._ready = threading.Event()

    def push(self, kind: str, value: int) -> None:
        with self._lock:
            self._items.append((kind, value))
        if self._loop is None:
            self._ready.set()
            return
        with contextlib.suppress(RuntimeError):  # the loop has closed: the stream is gone
            self._loop.call_soon_threadsafe(self._async_ready.set)

    def take(self) -> list[tuple[str, int]]:
        with self._lock:
            items, self._items = self._items, []
            self._ready.clear()
            if self._async_ready is not None:
                self._async_ready.clear()
        return items

    def wait(self, timeout: float) -> None:
        self._ready.wait(max(timeout, 0))

    async def wait_async(self, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._async_ready.wait(), max(timeout, 0))


class Hub:
    """This process's open streams by circle, and the newest revision announced for each."""

    def __init__(self):
        self._lock = threading.Lock()
        self._watches: dict[int, set[Watch]] = {}
        self.newest: dict[int, int] = {}
        self.changed = threading.Event()  # the set of viewers changed: presence is written soon
        self.pid = os.getpid()
        self.threads: list[threading.Thread] = []
        self.stopping = threading.Event()

    def watch(self, circles, *, viewer: str | None = None, loop=None) -> Watch:
        watch = Watch(circles, viewer=viewer, loop=loop)
        with self._lock:
            for circle in watch.circles:
                self._watches.setdefault(circle, set()).add(watch)
        self.changed.set()
        return watch

    def forget(self, watch: Watch) -> None:
        with self._lock:
            for circle in watch.circles:
                watches = self._watches.get(circle, set())
                watches.discard(watch)
                if not watches:
                    self._watches.pop(circle, None)
                    self.newest.pop(circle, None)
        self.changed.set()

    def note(self, circle: int, revision: int) -> None:
        """A stream read the log up to `revision`: the keeper's look starts from there."""
        with self._lock:
            if circle in self._watches:
                self.newest[circle] = max(self.newest.get(circle, 0), revision)

    def announce(self, circle: int, revision: int) -> None:
        with self._lock:
            watches = list(self._watches.get(circle, ()))
            if watches and revision != GAP:
                self.newest[circle] = max(self.newest.get(circle, 0), revision)
        for watch in watches:
            watch.push("change" if revision != GAP else "gap", revision)

    def gap(self, circles=None) -> None:
        """Something may have been missed (a lost connection, a late look): streams read the log."""
        with self._lock:
            chosen = self._watches if circles is None else circles
            watches = {watch for circle in chosen for watch in self._watches.get(circle, ())}
        for watch in watches:
            watch.push("gap", 0)

    def tell_presence(self, counts: dict[int, int]) -> None:
        with self._lock:
            watches = [
                (watch, count)
                for circle, count in counts.items()
                for watch in self._watches.get(circle, ())
                if watch.viewer is not None
            ]
        for watch, count in watches:
            watch.push("presence", count)

    def watched(self) -> dict[int, set[str]]:
        """Each watched circle with the viewers this process counts there."""
        with self._lock:
            return {
                circle: {watch.viewer for watch in group if watch.viewer is not None}
                for circle, group in self._watches.items()
            }


_hub: Hub | None = None
_hub_lock = threading.Lock()


def hub() -> Hub:
    """This process's hub, with its threads started (again in a forked worker)."""
    global _hub
    with _hub_lock:
        if _hub is None or _hub.pid != os.getpid():
            _hub = Hub()
            start_threads(_hub)
        return _hub


def reset_hub() -> None:
    """Stops this process's hub (tests; a new one starts with the next stream)."""
    global _hub
    with _hub_lock:
        if _hub is not None:
            _hub.stopping.set()
            _hub.changed.set()
            for thread in _hub.threads:
                thread.join(timeout=10)
        _hub = None


def start_threads(target: Hub) -> None:
    runners = [presence.keep]
    if settings.EVENTS_REDIS_URL:
        runners.append(_listen_redis)
    elif connection.vendor == "postgresql":
        runners.append(_listen_postgres)
    for runner in runners:
        thread = threading.Thread(target=runner, args=(target,), daemon=True, name=runner.__name__)
        target.threads.append(thread)
        thread.start()


def parse(payload: str | bytes) -> tuple[int, int] | None:
    if isinstance(payload, bytes):
        payload = payload.decode("ascii", "replace")
    circle, _sep, revision = payload.partition(":")
    try:
        return int(circle), int(revision)
    except ValueError:
        return None


def publish(circle_id: int, revision: int) -> None:
    """Announce a change to every process's streams once the current transaction commits."""
    payload = f"{circle_id}:{revision}"
    if settings.EVENTS_REDIS_URL:
        transaction.on_commit(lambda: _publish_redis(payload))
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # delivered by PostgreSQL when the change commits
            cursor.execute("SELECT pg_notify(%s, %s)", [settings.EVENTS_CHANNEL, payload])
    else:
        transaction.on_commit(lambda: _announce_here(circle_id, revision))


def _announce_here(circle_id: int, revision: int) -> None:
    if _hub is not None and _hub.pid == os.getpid():
        _hub.announce(circle_id, revision)


_redis_clients: dict[tuple[int, str], redis.Redis] = {}


def _redis() -> redis.Redis:
    key = (os.getpid(), settings.EVENTS_REDIS_URL)
    if key not in _redis_clients:
        _redis_clients[key] = redis.Redis.from_url(
            settings.EVENTS_REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
    return _redis_clients[key]


def _publish_redis(payload: str) -> None:
    try:
        _redis().publish(settings.EVENTS_CHANNEL, payload)
    except redis.RedisError:
        # The change is saved; streams find it at the keeper's next look at the database.
        log.warning("Could not publish a board change to Redis", exc_info=True)


def _listen_redis(target: Hub) -> None:
    while not target.stopping.is_set():
        try:
            subscription = _redis().pubsub(ignore_subscribe_messages=True)
            subscription.subscribe(settings.EVENTS_CHANNEL)
            target.gap()  # whatever was published while nobody listened
            while not target.stopping.is_set():
                message = subscription.get_message(timeout=1.0)
                if message and message["type"] == "message":
                    _deliver(target, message["data"])
            subscription.close()
        except redis.RedisError:
            log.warning("Board events: Redis subscription lost, reconnecting", exc_info=True)
            target.stopping.wait(RECONNECT_SECONDS)


def _listen_postgres(target: Hub) -> None:
    while not target.stopping.is_set():
        listener = None
        try:
            # A connection of its own, never one of the pool: it stays in LISTEN mode.
            params = {**connection.get_connection_params(), "autocommit": True}
            listener = psycopg.connect(**params)
            channel = settings.EVENTS_CHANNEL
            listener.execute(f'LISTEN "{channel}"')  # a setting, not input; quoted identifier
            target.gap()
            while not target.stopping.is_set():
                for notification in listener.notifies(timeout=1.0):
                    _deliver(target, notification.payload)
        except Exception:  # psycopg's errors, a server restart: listen again shortly
            log.warning("Board events: LISTEN connection lost, reconnecting", exc_info=True)
            target.stopping.wait(RECONNECT_SECONDS)
        finally:
            if listener is not None:
                listener.close()


def _deliver(target: Hub, payload) -> None:
    parsed = parse(payload)
    if parsed is not None:
        target.announce(*parsed)
