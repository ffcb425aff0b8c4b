"""Run in a child process against a real data folder: `python -m tests.core.backup_world
seed|write|check` (the backup test starts it; see test_backup.py)."""

import json
import sys
import time

import django


def seed() -> None:
    """One of everything a restore must bring back; prints what the check will need."""
    from klimakreise.accounts.models import ApiToken
    from klimakreise.registrations.links import make_token
    from tests.backoffice.factories import AttachmentFactory
    from tests.boards.factories import CardFactory
    from tests.factories import CircleFactory, EditionFactory, RegistrationFactory, UserFactory

    edition = EditionFactory(slug="sicherung", status="registration_open")
    organizer = UserFactory()
    edition.series.organizers.add(organizer)
    registration = RegistrationFactory(edition=edition, name="Ada Beispiel")
    card = CardFactory(circle=CircleFactory(edition=edition), text="Radweg planen")
    attachment = AttachmentFactory(edition=edition)
    _, raw_token = ApiToken.issue(user=organizer, label="Sicherung")
    print(json.dumps({
        "personal_link": make_token(registration), "api_token": raw_token, "card": card.pk,
        "attachment": attachment.pk, "file": attachment.file.read().hex(),
    }))  # fmt: skip


def write(seconds: float) -> None:
    """Keep adding registrations, as visitors would while the backup runs."""
    from klimakreise.editions.models import Edition
    from tests.factories import RegistrationFactory

    edition, until = Edition.objects.get(slug="sicherung"), time.monotonic() + seconds
    n = 0
    while time.monotonic() < until:
        n += 1
        RegistrationFactory(edition=edition, email=f"besuch-{n}@example.org")
        if n == 1:
            print("writing", flush=True)


def check(seeded: dict) -> None:
    """What people hold from before the backup still works after the restore."""
    from django.test import Client

    from klimakreise.boards.models import Card
    from klimakreise.editions.models import Attachment
    from klimakreise.registrations.links import registration_from_token

    person = registration_from_token(seeded["personal_link"])
    client = Client(HTTP_HOST="127.0.0.1")
    api = client.get(
        "/api/v1/editions/sicherung/registrations",
        HTTP_AUTHORIZATION=f"Bearer {seeded['api_token']}",
    )
    print(json.dumps({
        "person": person.name if person else None,
        "personal_page": client.get(f"/r/{seeded['personal_link']}/").status_code,
        "api": api.status_code,
        "card": Card.objects.get(pk=seeded["card"]).text,
        "file": Attachment.objects.get(pk=seeded["attachment"]).file.read().hex(),
    }))  # fmt: skip


def counts() -> None:
    """Rows per model, as the manifest counts them (what JSON backups leave to migrate aside)."""
    from klimakreise.core.backup import NOT_DUMPED, _models

    skipped = {label.lower() for label in NOT_DUMPED}
    print(json.dumps({
        m._meta.label: m._default_manager.count() for m in _models()
        if m._meta.app_label not in skipped and m._meta.label_lower not in skipped
    }))  # fmt: skip


if __name__ == "__main__":
    django.setup()
    command = sys.argv[1]
    if command == "seed":
        seed()
    elif command == "write":
        write(float(sys.argv[2]))
    elif command == "counts":
        counts()
    else:
        check(json.loads(sys.stdin.read()))
