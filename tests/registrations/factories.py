"""Factories for registrations; shared personas live in tests/conftest.py."""

from datetime import timedelta

import factory
from django.utils import timezone

from klimakreise.editions.models import Edition
from klimakreise.registrations.models import Preference, Registration
from tests.factories import EditionFactory, TopicFactory
from tests.factories import RegistrationFactory as BaseRegistrationFactory


class OpenEditionFactory(EditionFactory):
    """An edition taking registrations, with three topics and 3 ranks."""

    status = Edition.Status.REGISTRATION_OPEN
    capacity = 10

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            for slug in extracted or ("energie", "mobilitaet", "gruen"):
                TopicFactory(edition=obj, slug=slug, title=slug.title())


class RegistrationFactory(BaseRegistrationFactory):
    """Waiting for confirmation, on an edition that takes registrations."""

    edition = factory.SubFactory(OpenEditionFactory)
    status = Registration.Status.PENDING


class ConfirmedRegistrationFactory(RegistrationFactory):
    status = Registration.Status.REGISTERED
    confirmed_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=1, seconds=-n))


class WaitlistedRegistrationFactory(ConfirmedRegistrationFactory):
    status = Registration.Status.WAITLISTED


def wish(registration, *slugs):
    """Give a registration ranked wishes by topic slug."""
    topics = {t.slug: t for t in registration.edition.topics.all()}
    for rank, slug in enumerate(slugs, start=1):
        Preference.objects.create(registration=registration, topic=topics[slug], rank=rank)
