"""Who is online on a board, across app processes, and the keeper thread of each process's hub.

Every PRESENCE_SECONDS (and soon after a stream opens or closes) the keeper writes the viewers of
its process's open board streams as BoardPresence rows in one statement and removes the ones
whose stream has closed. A viewer is online while a row of theirs is younger than PRESENCE_TTL,
so a process that died stops counting by itself. The same thread looks at the boards' log every
SAFETY_SECONDS (one query for every watched circle) and wakes the streams of a circle whose
newest change no notification has announced: a lost notification costs seconds, never a change.
"""

import logging
import os
import secrets
import socket
from datetime import timedelta

from django.db import close_old_connections, connection, transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from klimakreise.boards.models import BoardPresence, CardChange

log = logging.getLogger(__name__)

SAFETY_SECONDS = 3  # the keeper's look at the log, for notifications that never came
PRESENCE_SECONDS = 10  # how often each process renews its viewers' rows
PRESENCE_TTL = 25  # seconds after which a row not renewed no longer counts (two renewals + slack)
SETTLE_SECONDS = 0.5  # streams opening together are written together
PURGE_SECONDS = 600  # rows of processes gone this long are deleted


def online_since():
    return timezone.now() - timedelta(seconds=PRESENCE_TTL)


def online_counts(circle_ids) -> dict[int, int]:
    """People online per circle (a person with two tabs counts once)."""
    rows = (
        BoardPresence.objects.filter(circle_id__in=list(circle_ids), seen_at__gte=online_since())
        .values("circle_id")
        .annotate(n=Count("viewer", distinct=True))
    )
    return {row["circle_id"]: row["n"] for row in rows}


def online_count_of_circle() -> Coalesce:
    """The outer circle's people online, as a subquery (for lists of circles)."""
    online = BoardPresence.objects.filter(circle=OuterRef("pk"), seen_at__gte=online_since())
    counted = online.order_by().values("circle").annotate(n=Count("viewer", distinct=True))
    return Coalesce(Subquery(counted.values("n")), 0)


def viewer_key(viewer) -> str:
    """One person however many tabs: their account or personal link; else each stream."""
    if viewer.user is not None:
        return f"u{viewer.user.pk}"
    if viewer.registration is not None:
        return f"r{viewer.registration.pk}"
    return "a" + secrets.token_hex(8)


def write_presence(process: str, watched: dict[int, set[str]]) -> None:
    now = timezone.now()
    rows = [
        BoardPresence(process=process, circle_id=circle, viewer=viewer, seen_at=now)
        for circle, viewers in watched.items()
        for viewer in viewers
    ]
    with transaction.atomic():
        BoardPresence.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["process", "circle", "viewer"],
            update_fields=["seen_at"],
        )
        BoardPresence.objects.filter(process=process, seen_at__lt=now).delete()


def newest_revisions(circle_ids) -> dict[int, int]:
    rows = (
        CardChange.objects.filter(circle_id__in=list(circle_ids))
        .values("circle_id")
        .annotate(newest=Max("pk"))
        .order_by()
    )
    return {row["circle_id"]: row["newest"] for row in rows}


def keep(target) -> None:
    """The keeper thread of a hub (boards/fanout.py)."""
    process = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"
    state = {"written": 0.0, "purged": 0.0, "told": {}}
    while not target.stopping.is_set():
        target.changed.wait(SAFETY_SECONDS)
        if target.stopping.wait(SETTLE_SECONDS):
            break
        try:
            close_old_connections()
            _tick(target, process, state)
        except Exception:  # a database restart, a locked SQLite: the next tick tries again
            log.warning("Board events: the keeper's look at the database failed", exc_info=True)
            connection.close()
    try:
        BoardPresence.objects.filter(process=process).delete()
    except Exception:
        log.warning("Board events: could not remove this process's presence", exc_info=True)
    finally:
        connection.close()


def _tick(target, process: str, state: dict) -> None:
    watched = target.watched()
    if watched:
        newest = newest_revisions(watched)
        target.gap([c for c, rev in newest.items() if rev > target.newest.get(c, rev)])
    now = timezone.now().timestamp()
    if target.changed.is_set() or now - state["written"] >= PRESENCE_SECONDS:
        target.changed.clear()
        watched = target.watched()
        viewers = {circle: group for circle, group in watched.items() if group}
        write_presence(process, viewers)
        state["written"] = now
        counts = online_counts(viewers)
        told = state["told"]
        fresh = {c: counts.get(c, 0) for c in viewers if told.get(c) != counts.get(c, 0)}
        told.clear()
        told.update({c: counts.get(c, 0) for c in viewers})
        if fresh:
            target.tell_presence(fresh)
    if now - state["purged"] >= PURGE_SECONDS:
        state["purged"] = now
        gone = timezone.now() - timedelta(seconds=PURGE_SECONDS)
        BoardPresence.objects.filter(seen_at__lt=gone).delete()
