from datetime import timedelta

import factory
from django.utils import timezone

from klimakreise.outbox.models import OutboxEmail
from tests.factories import EditionFactory
from tests.factories import RegistrationFactory as BaseRegistrationFactory


class OutboxEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxEmail

    to = factory.Sequence(lambda n: f"participant{n}@example.org")
    subject = factory.Sequence(lambda n: f"Nachricht {n}")
    text = "Guten Tag!"
    edition = factory.SubFactory(EditionFactory)


class RegistrationFactory(BaseRegistrationFactory):
    """With every kind of personal data filled in, for the retention tests."""

    email = factory.Sequence(lambda n: f"person{n}@example.net")
    organization_name = "Verkehrswende e. V."
    accessibility_needs = "Rollstuhlgerechter Raum"
    public_listing = True
    newsletter = True


def past_edition(*, months_ago: int, series=None, **kwargs):
    """An edition that ended about `months_ago` months ago."""
    end = timezone.now() - timedelta(days=31 * months_ago)
    if series is not None:
        kwargs["series"] = series
    return EditionFactory(start=end - timedelta(hours=3), end=end, **kwargs)
