from datetime import timedelta

import factory
from django.utils import timezone

from klimakreise.organizations.models import Sector
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from tests.factories import EditionFactory


class OutboxEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxEmail

    to = factory.Sequence(lambda n: f"participant{n}@example.org")
    subject = factory.Sequence(lambda n: f"Nachricht {n}")
    text = "Guten Tag!"
    edition = factory.SubFactory(EditionFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    status = Registration.Status.REGISTERED
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"person{n}@example.net")
    organization_name = "Verkehrswende e. V."
    accessibility_needs = "Rollstuhlgerechter Raum"
    public_listing = True
    newsletter = True
    sector = factory.LazyAttribute(lambda o: Sector.objects.filter(series=o.edition.series)[0])
    consent_privacy_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-01"


def past_edition(*, months_ago: int, series=None, **kwargs):
    """An edition that ended about `months_ago` months ago."""
    end = timezone.now() - timedelta(days=31 * months_ago)
    if series is not None:
        kwargs["series"] = series
    return EditionFactory(start=end - timedelta(hours=3), end=end, **kwargs)
