"""Registrations with wishes, for the assignment tests."""

import factory
from django.utils import timezone

from klimakreise.organizations.models import Sector
from klimakreise.registrations.models import Preference, Registration


class RegisteredFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (status "registered") in the series' first sector."""

    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Person {n:03d}")
    email = factory.Sequence(lambda n: f"person{n}@kreise.example")
    sector = factory.LazyAttribute(lambda o: o.edition.series.sectors.first())
    status = Registration.Status.REGISTERED
    consent_privacy_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-01"
    language = "de"


def register(edition, wishes, *, sector="zivilgesellschaft", **fields) -> Registration:
    """A registered person of `edition` with ranked wishes (topics, first wish first)."""
    registration = RegisteredFactory(
        edition=edition, sector=Sector.objects.get(series=edition.series, slug=sector), **fields
    )
    Preference.objects.bulk_create(
        Preference(registration=registration, topic=topic, rank=rank)
        for rank, topic in enumerate(wishes, start=1)
    )
    return registration
