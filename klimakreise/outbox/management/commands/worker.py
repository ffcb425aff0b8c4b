import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from klimakreise.outbox.worker import run_forever, run_once, where_mail_goes


def install_stop_handlers(stop: threading.Event) -> dict:
    """SIGTERM/SIGINT finish the current email, then stop; returns the previous handlers."""

    def request_stop(signum, frame):
        stop.set()

    return {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}


class Command(BaseCommand):
    help = "Send queued email and run scheduled jobs (runs until stopped; --once for one pass)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="process what is due now, then exit"
        )
        parser.add_argument(
            "--poll",
            type=float,
            default=None,
            help=f"seconds between passes (default: OUTBOX_POLL_SECONDS, "
            f"{settings.OUTBOX_POLL_SECONDS})",
        )

    def handle(self, *args, once=False, poll=None, **options):
        poll_seconds = settings.OUTBOX_POLL_SECONDS if poll is None else poll
        if poll_seconds <= 0:
            raise CommandError("--poll must be a positive number of seconds.")
        if once:
            sent = run_once(out=self.stdout)
            self.stdout.write(f"Sent {sent} email(s).")
            return
        self.stdout.write(f"Worker started. {where_mail_goes()}. Stop with Ctrl+C.")
        stop = threading.Event()
        previous = install_stop_handlers(stop)
        try:
            run_forever(stop, poll_seconds=poll_seconds, out=self.stdout)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Worker stopped.")
