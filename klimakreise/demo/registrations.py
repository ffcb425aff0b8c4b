"""Demo participants: ~50 per past Magdeburg edition and ~35 for the upcoming one.

All people are invented (Faker de_DE with a fixed seed per edition) and use example.org/.net
addresses. Each registration is found by (edition, email), or, once data retention has
anonymized it (no email any more), by its registration time, which is unique per person; an
anonymized registration stays as it is. So loading again changes nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from klimakreise.demo.context import DemoContext
from klimakreise.organizations.models import Sector
from klimakreise.registrations.models import Preference, Registration

PARTICIPANTS = {"magdeburg-2021": 50, "magdeburg-2022": 52, "magdeburg-3": 35}
DOMAINS = ("example.org", "example.net")


@transaction.atomic
def load_registrations(ctx: DemoContext) -> None:
    sectors = {s.slug: s for s in Sector.objects.filter(series=ctx.series)}
    organizations = list(ctx.organizations.values())
    for slug, count in PARTICIPANTS.items():
        edition = ctx.editions.get(slug)
        if edition is not None:
            _participants(edition, count, sectors, organizations)


def _participants(edition, count, sectors, organizations) -> None:
    faker = Faker("de_DE")
    faker.seed_instance(f"klimakreise-demo-{edition.slug}")
    topics = list(edition.topics.all())
    for index in range(count):
        # Every random value is drawn before anything is skipped, so each person gets the
        # same name, organization and wishes on every load.
        fields, wishes = _person(edition, index, faker, sectors, organizations, topics)
        if _anonymized(edition, fields["created_at"]):
            continue  # its wishes and circle stay; its personal data stays erased
        email = fields.pop("email")
        registration, _ = Registration.objects.update_or_create(
            edition=edition, email=email, defaults=fields
        )
        registration.preferences.all().delete()
        Preference.objects.bulk_create(
            Preference(registration=registration, topic=topic, rank=rank)
            for rank, topic in enumerate(wishes, start=1)
        )


def _person(edition, index, faker, sectors, organizations, topics) -> tuple[dict, list]:
    upcoming = not edition.is_past
    first, last = faker.first_name(), faker.last_name()
    organization = faker.random_element(organizations) if index % 4 else None
    sector = organization.sector if organization and organization.sector else None
    sector = sector or sectors[faker.random_element(["zivilgesellschaft", "sonstige"])]
    wishes = faker.random_elements(topics, length=min(3, len(topics)), unique=True)
    registered_at = _registered_at(edition, index)
    fields = {
        "email": f"{_ascii(first)}.{_ascii(last)}{index}@{DOMAINS[index % 2]}",
        "name": f"{first} {last}",
        "status": Registration.Status.REGISTERED,
        "source": Registration.Source.FORM,
        "organization": organization,
        "organization_name": organization.name if organization else "",
        "sector": sector,
        "can_moderate": index % 6 == 0 if upcoming else index % 9 == 0,
        "can_take_notes": index % 5 == 0,
        "joins_get_together": bool(edition.get_together_start) and index % 2 == 0,
        "consent_privacy_at": registered_at,
        "privacy_notice_version": "2026-01",
        "public_listing": index % 3 == 0,
        "newsletter": index % 4 == 0,
        "language": "en" if index % 10 == 0 else "de",
        "created_at": registered_at,
        "confirmed_at": registered_at + timedelta(minutes=10),
    }
    return fields, list(wishes)


def _registered_at(edition, index: int):
    """Weeks before the edition, never in the future; the seconds keep each person's unique."""
    latest = min(edition.start, _today_start())
    return latest - timedelta(days=30 - index % 20, hours=index % 7, seconds=index)


def _today_start():
    # The day, not the moment: loading the demo again on the same day gives the same times.
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def _anonymized(edition, registered_at) -> bool:
    return Registration.objects.filter(
        edition=edition, created_at=registered_at, anonymized_at__isnull=False
    ).exists()


def _ascii(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return "".join(
        c for c in name.lower().translate(table) if c.isascii() and (c.isalnum() or c == "-")
    )
