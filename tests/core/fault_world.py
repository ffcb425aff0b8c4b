"""Run in a child process against a real data folder or database: `python -m
tests.core.fault_world seed|emails N|found|outbox` (the fault tests start it; see
test_fault_tolerance.py). Answers are JSON on standard output."""

import json
import sys

import django


def seed() -> None:
    """An edition taking registrations, and a running one with two circles and a member each."""
    from klimakreise.editions.models import Edition
    from klimakreise.registrations.links import make_token
    from tests.boards.factories import make_circle, make_member
    from tests.factories import EditionFactory
    from tests.registrations.factories import OpenEditionFactory

    OpenEditionFactory(slug="anmeldung", capacity=100_000)
    running = EditionFactory(slug="laufend", status=Edition.Status.RUNNING)
    circles = [make_circle(running) for _ in range(2)]
    print(json.dumps({"circles": [[c.pk, make_token(make_member(c))] for c in circles]}))


def queue_emails(count: int) -> None:
    from klimakreise.outbox.services import queue_email

    for n in range(1, count + 1):
        queue_email(to=f"person-{n}@example.org", subject=f"Nachricht {n:03d}", text="Hallo")


def found(acknowledged: dict) -> None:
    """Which acknowledged registrations (emails) are whole: the row, its three wishes and its
    queued confirmation email; and which acknowledged cards (texts) are there with their
    history entry."""
    from django.db.models import Count

    from klimakreise.boards.models import Card, CardChange
    from klimakreise.outbox.models import OutboxEmail
    from klimakreise.registrations.models import Registration

    wished = Registration.objects.annotate(wishes=Count("preferences")).filter(wishes=3)
    emails = set(acknowledged["registrations"]) & set(wished.values_list("email", flat=True))
    emails &= set(OutboxEmail.objects.values_list("to", flat=True))
    recorded = CardChange.objects.filter(action=CardChange.Action.CREATED)
    texts = set(acknowledged["cards"]) & set(
        Card.objects.filter(pk__in=recorded.values("card")).values_list("text", flat=True)
    )
    print(json.dumps({
        "registrations": sorted(emails), "cards": sorted(texts),
        # Saved, but the answer never reached the client (the server died after the commit).
        "unacknowledged": Registration.objects.filter(edition__slug="anmeldung")
        .exclude(email__in=emails).count()
        + Card.objects.exclude(text__in=texts).count(),
    }))  # fmt: skip


def outbox() -> None:
    """Every queued email: subject → [status, last error]."""
    from klimakreise.outbox.models import OutboxEmail

    rows = OutboxEmail.objects.values_list("subject", "status", "last_error")
    print(json.dumps({subject: [status, error] for subject, status, error in rows}))


if __name__ == "__main__":
    django.setup()
    command = sys.argv[1]
    if command == "seed":
        seed()
    elif command == "emails":
        queue_emails(int(sys.argv[2]))
    elif command == "found":
        found(json.load(sys.stdin))
    elif command == "outbox":
        outbox()
