"""Demo participants: ~50 per past Magdeburg edition and ~35 for the upcoming one.

All people are invented (Faker de_DE with a fixed seed per edition) and use example.org/.net
addresses. Each registration is found by (edition, email), so loading twice changes nothing.
"""

from datetime import timedelta

from django.db import transaction
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
    upcoming = not edition.is_past
    for index in range(count):
        first, last = faker.first_name(), faker.last_name()
        email = f"{_ascii(first)}.{_ascii(last)}{index}@{DOMAINS[index % 2]}"
        organization = faker.random_element(organizations) if index % 4 else None
        sector = organization.sector if organization and organization.sector else None
        registered_at = edition.start - timedelta(days=30 - index % 20, hours=index % 7)
        registration, _ = Registration.objects.update_or_create(
            edition=edition,
            email=email,
            defaults={
                "name": f"{first} {last}",
                "status": Registration.Status.REGISTERED,
                "source": Registration.Source.FORM,
                "organization": organization,
                "organization_name": organization.name if organization else "",
                "sector": sector
                or sectors[faker.random_element(["zivilgesellschaft", "sonstige"])],
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
            },
        )
        wishes = faker.random_elements(topics, length=min(3, len(topics)), unique=True)
        registration.preferences.all().delete()
        Preference.objects.bulk_create(
            Preference(registration=registration, topic=topic, rank=rank)
            for rank, topic in enumerate(wishes, start=1)
        )


def _ascii(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return "".join(
        c for c in name.lower().translate(table) if c.isascii() and (c.isalnum() or c == "-")
    )
