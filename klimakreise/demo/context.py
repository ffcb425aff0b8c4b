"""What the demo's parts share: the objects the foundation created and the local clock."""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from faker import Faker

from klimakreise.accounts.models import User
from klimakreise.editions.models import Edition, Series
from klimakreise.organizations.models import Organization


@dataclass
class DemoContext:
    series: Series
    organizer: User
    editions: dict[str, Edition]
    faker: Faker
    organizations: dict[str, Organization] = field(default_factory=dict)


def person_name(faker: Faker) -> str:
    """A plain first and last name: Faker's name() adds degrees like "Ing." or "B.Eng."."""
    return f"{faker.first_name()} {faker.last_name()}"


def local(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
