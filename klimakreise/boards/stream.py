"""Server-Sent Events for a circle's board: the change log is the board's history (CardChange).

Every change writes a CardChange row in the same transaction as the change, so its id is the
board's revision and the log's sequence number. An event carries only that revision (as its SSE
id and data); the client then fetches the board fragment it already knows, so what a viewer sees
is still decided by boards.reading, and nothing private travels on the stream.

Waiting for changes reads the database (an indexed lookup every POLL_INTERVAL seconds): every app
process sees every committed change, so no process holds state another one needs. See
docs/decisions.md for why, and for what a Redis or LISTEN/NOTIFY fan-out would add.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

from asgiref.sync import sync_to_async
from django.conf import settings

from klimakreise.boards.models import CardChange

POLL_INTERVAL = 0.25  # seconds between two looks at the log while a stream waits
HEARTBEAT_SECONDS = 15  # a comment line, so proxies do not drop an idle connection
MAX_REPLAY = 100  # a client further behind reloads the board instead of replaying the gap
RETRY_MS = 1000  # how soon the browser reconnects after the stream ends


def lifetime_seconds() -> float:
    """A stream ends after this long; the browser reconnects with Last-Event-ID. Workers recycle."""
    return settings.BOARD_STREAM_SECONDS


def revisions_after(circle_id: int, last_id: int, *, limit: int = MAX_REPLAY + 1) -> list[int]:
    return list(
        CardChange.objects.filter(circle_id=circle_id, pk__gt=last_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def newest_revision(circle_id: int) -> int:
    newest = CardChange.objects.filter(circle_id=circle_id).order_by("-pk").values_list("pk")
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


def catch_up(circle_id: int, last_id: int | None) -> tuple[list[str], int]:
    """The events a client that last saw last_id missed, and the revision it is at afterwards."""
    if last_id is None:
        return [], newest_revision(circle_id)
    missed = revisions_after(circle_id, last_id)
    if len(missed) > MAX_REPLAY:
        newest = newest_revision(circle_id)
        return [reload_event(newest)], newest
    if not missed and last_id > newest_revision(circle_id):
        # An id from the future: the log was pruned or the database reset.
        newest = newest_revision(circle_id)
        return [reload_event(newest)], newest
    return [event(revision) for revision in missed], (missed[-1] if missed else last_id)


def board_events(circle_id: int, last_id: int | None, *, clock=time.monotonic) -> Iterator[str]:
    """The stream: catch-up first, then each new revision as it is committed, until lifetime."""
    yield f"retry: {RETRY_MS}\n\n"
    events, seen = catch_up(circle_id, last_id)
    yield from events
    started = last_beat = clock()
    while clock() - started < lifetime_seconds():
        for revision in revisions_after(circle_id, seen):
            seen = revision
            yield event(revision)
        if clock() - last_beat >= HEARTBEAT_SECONDS:
            last_beat = clock()
            yield ": heartbeat\n\n"
        time.sleep(POLL_INTERVAL)


async def board_events_async(
    circle_id: int, last_id: int | None, *, clock=time.monotonic
) -> AsyncIterator[str]:
    """The same stream for ASGI workers: waiting costs no thread, so streams do not block pages.
    Each look at the log runs in this request's own sync thread (Django gives every ASGI request
    its own), so it uses the request's database connection, closed when the request ends."""
    look = sync_to_async(revisions_after, thread_sensitive=True)
    yield f"retry: {RETRY_MS}\n\n"
    events, seen = await sync_to_async(catch_up, thread_sensitive=True)(circle_id, last_id)
    for line in events:
        yield line
    started = last_beat = clock()
    while clock() - started < lifetime_seconds():
        for revision in await look(circle_id, seen):
            seen = revision
            yield event(revision)
        if clock() - last_beat >= HEARTBEAT_SECONDS:
            last_beat = clock()
            yield ": heartbeat\n\n"
        await asyncio.sleep(POLL_INTERVAL)
