"""The worker loop: deliver due emails, run due jobs, sleep, repeat.

Production runs it as its own process, `klimakreise worker` (as many as you like; see
klimakreise/outbox/delivery.py for why no email goes out twice). The demo runs the same loop in
a daemon thread of the web process (start_background_worker) so that mail flows without a
second terminal.
"""

import logging
import re
import sys
import threading
from dataclasses import dataclass
from typing import TextIO

from django.conf import settings
from django.db import close_old_connections, connection

from klimakreise.core.jobs import run_due_jobs
from klimakreise.outbox.delivery import claim_next, deliver

logger = logging.getLogger(__name__)

URL_PATTERN = re.compile(r"https?://[^\s<>\"')]+")
LOCAL_BACKENDS = ("filebased.EmailBackend", "console.EmailBackend")


def process_due(
    *,
    out: TextIO | None = None,
    limit: int | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Deliver emails until none is due (or `limit` were tried, or `stop` is set); the number
    sent. `stop` is checked before each claim, never during a send: an email is claimed only
    when the worker means to send it, so a stop leaves the rest `queued`, none half-sent."""
    sent = tried = 0
    while (limit is None or tried < limit) and not (stop is not None and stop.is_set()):
        email = claim_next()
        if email is None:
            break
        tried += 1
        if deliver(email):
            sent += 1
            if out is not None and shows_mail_locally():
                echo_email(email, out)
    return sent


def run_once(*, out: TextIO | None = None, stop: threading.Event | None = None) -> int:
    """One pass of the loop: due jobs first (they may queue email), then due email; a set
    `stop` ends the pass after the email being sent."""
    if not connection.in_atomic_block:
        # Like a request does: drop a connection the database closed or CONN_MAX_AGE retired.
        # (Inside a transaction, i.e. in tests, that check would close a healthy connection.)
        close_old_connections()
    run_due_jobs()
    return process_due(out=out, stop=stop)


def run_forever(stop: threading.Event, *, poll_seconds: float, out: TextIO | None = None) -> None:
    """Loop until `stop` is set (the email being sent is finished, the others stay queued);
    an error in one pass is logged and the next pass tries again."""
    try:
        while True:
            try:
                run_once(out=out, stop=stop)
            except Exception:  # noqa: BLE001 (e.g. the database restarting: keep the worker up)
                logger.exception("Worker pass failed; trying again in %s s", poll_seconds)
            if stop.wait(poll_seconds):
                break
    finally:
        connection.close()


def shows_mail_locally() -> bool:
    """In debug mode with a file or console backend, say what was sent (the demo needs it)."""
    return settings.DEBUG and settings.EMAIL_BACKEND.endswith(LOCAL_BACKENDS)


def echo_email(email, out: TextIO) -> None:
    out.write(f"Email to {email.to}: {email.subject}\n")
    for url in dict.fromkeys(URL_PATTERN.findall(email.text)):
        out.write(f"  {url}\n")
    out.flush()


def where_mail_goes() -> str:
    backend = settings.EMAIL_BACKEND
    if backend.endswith("filebased.EmailBackend"):
        return f"Emails are written to files in {settings.EMAIL_FILE_PATH}"
    if backend.endswith("console.EmailBackend"):
        return "Emails are printed here"
    if backend.endswith("smtp.EmailBackend"):
        return f"Emails are sent over SMTP via {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"Emails go to {backend}"


@dataclass
class BackgroundWorker:
    thread: threading.Thread
    stop_event: threading.Event

    def stop(self, timeout: float | None = None) -> None:
        self.stop_event.set()
        self.thread.join(timeout)


def start_background_worker(
    *, poll_seconds: float = 2.0, out: TextIO | None = None
) -> BackgroundWorker:
    """Run the worker loop in a daemon thread of this process (for the demo only).

    Production runs `klimakreise worker` as a separate process instead, so that web processes
    stay stateless and mail keeps flowing while the web server restarts.
    """
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever,
        args=(stop,),
        kwargs={"poll_seconds": poll_seconds, "out": out or sys.stdout},
        name="klimakreise-outbox-worker",
        daemon=True,
    )
    thread.start()
    return BackgroundWorker(thread=thread, stop_event=stop)
