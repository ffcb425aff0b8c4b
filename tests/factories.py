"""Factories for the foundation's models; apps add their own next to their tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from klimakreise.accounts.models import User
from klimakreise.circles.models import Circle
from klimakreise.editions.models import AgendaItem, Edition, Partner, Series, Topic
from klimakreise.editions.services import create_series
from klimakreise.organizations.models import Organization
from klimakreise.registrations.models import Registration


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SeriesFactory(factory.django.DjangoModelFactory):
    """A series with the default sectors, created through the service like in the app."""

    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Klimakreise Stadt {n}")
    slug = factory.Sequence(lambda n: f"stadt-{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_series(**kwargs)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"{o.number}. Klimakreise")
    slug = factory.Sequence(lambda n: f"edition-{n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    status = Edition.Status.PUBLISHED


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    position = factory.Sequence(lambda n: n)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    edition = factory.SubFactory(EditionFactory)
    start = factory.LazyAttribute(lambda o: o.edition.start)
    title = factory.Sequence(lambda n: f"Programmpunkt {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    series = factory.SubFactory(SeriesFactory)
    name = factory.Sequence(lambda n: f"Initiative {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    edition = factory.SubFactory(EditionFactory)
    organization = factory.SubFactory(
        OrganizationFactory, series=factory.SelfAttribute("..edition.series")
    )
    role = Partner.Role.FUNDING


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    topic = factory.SubFactory(TopicFactory)
    edition = factory.SelfAttribute("topic.edition")
    index = 1


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed participant with consent; apps' tests subclass it for other states."""

    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    status = Registration.Status.REGISTERED
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"teilnehmer{n}@example.org")
    sector = factory.LazyAttribute(lambda o: o.edition.series.sectors.first())
    consent_privacy_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-01"
    language = "de"
