"""Server-Sent Events for a circle's board and an edition's plenary: the log is the boards'
history (CardChange).

Every change writes a CardChange row in the same transaction as the change, so its id is the
board's revision and the log's sequence number. An event carries only that revision (as its SSE
id and data); the client then fetches the board it already knows, so what a viewer sees is still
decided by boards.reading, and nothing private travels on the stream.

A stream reads the log once when it opens (the catch-up after Last-Event-ID), then waits in its
process's hub (boards/fanout.py) for the revisions that changes announce after their commit, and
reads the log again only when something may have been missed (a "gap"). Between two events it
holds no database connection, and under ASGI no thread. See docs/decisions.md.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection

from klimakreise.boards import fanout
from klimakreise.boards.models import CardChange

HEARTBEAT_SECONDS = 15  # a comment line, so proxies do not drop an idle connection
MAX_REPLAY = 100  # a client further behind reloads the board instead of replaying the gap
RETRY_MS = 1000  # how soon the browser reconnects after the stream ends


def lifetime_seconds() -> float:
    """A stream ends after this long; the browser reconnects with Last-Event-ID. Workers recycle."""
    return settings.BOARD_STREAM_SECONDS


def board_log(circle_id: int) -> dict:
    return {"circle_id": circle_id}


def plenary_log(edition_id: int) -> dict:
    return {"circle__edition_id": edition_id}


def revisions_after(log: dict, last_id: int, *, limit: int = MAX_REPLAY + 1) -> list[int]:
    return list(
        CardChange.objects.filter(**log, pk__gt=last_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def newest_revision(log: dict) -> int:
    newest = CardChange.objects.filter(**log).order_by("-pk").values_list("pk")
    return (newest.first() or (0,))[0]


def parse_last_event_id(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number >= 0 else None


def event(revision: int) -> str:
    return f"id: {revision}\nevent: change\ndata: {revision}\n\n"


def reload_event(revision: int) -> str:
    # The gap is too long (or the id unknown): the client reloads the board, then continues here.
    return f"id: {revision}\nevent: reload\ndata: {revision}\n\n"


def presence_event(count: int) -> str:
    # No id: the count is not part of the log, and Last-Event-ID stays the revision.
    return f"event: presence\ndata: {count}\n\n"


HEARTBEAT = ": heartbeat\n\n"


def catch_up(log: dict, last_id: int | None) -> tuple[list[str], int]:
    """The events a client that last saw last_id missed, and the revision it is at afterwards."""
    if last_id is None:
        return [], newest_revision(log)
    missed = revisions_after(log, last_id)
    if len(missed) > MAX_REPLAY:
        newest = newest_revision(log)
        return [reload_event(newest)], newest
    if not missed and last_id > newest_revision(log):
        # An id from the future: the log was pruned or the database reset.
        newest = newest_revision(log)
        return [reload_event(newest)], newest
    return [event(revision) for revision in missed], (missed[-1] if missed else last_id)


def caught_up(log: dict, last_id: int | None) -> tuple[list[str], int]:
    """catch_up, then the connection goes back: a stream waits for minutes without one."""
    try:
        return catch_up(log, last_id)
    finally:
        if not connection.in_atomic_block:  # (a test's transaction stays open)
            connection.close()


class Follower:
    """What one stream has sent, and the lines the hub's news turn into."""

    def __init__(self, log: dict, seen: int):
        self.log = log
        self.seen = seen
        self.base = seen  # everything up to here was in the catch-up
        self.sent: set[int] = set()

    def lines(self, items) -> tuple[list[str], bool]:
        """Lines for the announced items, and whether the log must be read (a gap)."""
        lines, look = [], False
        for kind, value in items:
            if kind == "presence":
                lines.append(presence_event(value))
            elif kind == "gap":
                look = True
            elif value > self.seen:
                self.seen = value
                self.sent.add(value)
                lines.append(event(value))
            elif value > self.base and value not in self.sent:
                # An older id committed after a newer one: the board is refreshed all the same.
                self.sent.add(value)
                lines.append(reload_event(self.seen))
        return lines, look

    def looked(self, result: tuple[list[str], int]) -> list[str]:
        events, seen = result
        self.seen = max(self.seen, seen)
        return events


def board_events(circle_id: int, last_id: int | None, **options) -> Iterator[str]:
    return follow([circle_id], board_log(circle_id), last_id, **options)


def plenary_events(edition_id: int, circles, last_id: int | None, **options) -> Iterator[str]:
    return follow(circles, plenary_log(edition_id), last_id, **options)


def follow(circles, log, last_id, *, viewer=None, clock=time.monotonic) -> Iterator[str]:
    """The stream under WSGI: catch-up first, then each announced revision, until lifetime.
    Each open stream holds one thread here (runserver, the test server)."""
    if lifetime_seconds() <= 0:
        yield f"retry: {RETRY_MS}\n\n"
        yield from caught_up(log, last_id)[0]
        return
    hub = fanout.hub()
    watch = hub.watch(circles, viewer=viewer)  # before the catch-up: nothing falls between
    try:
        events, seen = caught_up(log, last_id)
        _note(hub, circles, seen)
        yield f"retry: {RETRY_MS}\n\n"
        yield from events
        follower = Follower(log, seen)
        started = last_beat = clock()
        while (now := clock()) - started < lifetime_seconds():
            watch.wait(_timeout(now, started, last_beat))
            lines, look = follower.lines(watch.take())
            if look:
                lines += follower.looked(caught_up(log, follower.seen))
            yield from lines
            if clock() - last_beat >= HEARTBEAT_SECONDS:
                last_beat = clock()
                yield HEARTBEAT
    finally:
        hub.forget(watch)


def board_events_async(circle_id: int, last_id: int | None, **options) -> AsyncIterator[str]:
    return follow_async([circle_id], board_log(circle_id), last_id, **options)


def plenary_events_async(edition_id, circles, last_id, **options) -> AsyncIterator[str]:
    return follow_async(circles, plenary_log(edition_id), last_id, **options)


async def follow_async(
    circles, log, last_id, *, viewer=None, clock=time.monotonic
) -> AsyncIterator[str]:
    """The same stream for ASGI workers: waiting costs no thread, so streams do not block pages.
    The log is read in this request's own sync thread (Django gives every ASGI request one), and
    its connection closed after each read."""
    read = sync_to_async(caught_up, thread_sensitive=True)
    if lifetime_seconds() <= 0:
        yield f"retry: {RETRY_MS}\n\n"
        for line in (await read(log, last_id))[0]:
            yield line
        return
    hub = fanout.hub()
    watch = hub.watch(circles, viewer=viewer, loop=asyncio.get_running_loop())
    try:
        events, seen = await read(log, last_id)
        _note(hub, circles, seen)
        yield f"retry: {RETRY_MS}\n\n"
        for line in events:
            yield line
        follower = Follower(log, seen)
        started = last_beat = clock()
        while (now := clock()) - started < lifetime_seconds():
            await watch.wait_async(_timeout(now, started, last_beat))
            lines, look = follower.lines(watch.take())
            if look:
                lines += follower.looked(await read(log, follower.seen))
            for line in lines:
                yield line
            if clock() - last_beat >= HEARTBEAT_SECONDS:
                last_beat = clock()
                yield HEARTBEAT
    finally:
        hub.forget(watch)


def _timeout(now: float, started: float, last_beat: float) -> float:
    return min(HEARTBEAT_SECONDS - (now - last_beat), lifetime_seconds() - (now - started))


def _note(hub, circles, seen: int) -> None:
    for circle in circles:
        hub.note(circle, seen)
