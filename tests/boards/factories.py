"""Factories for boards tests: circles with members who hold a personal link."""

import factory

from klimakreise.boards.models import Card
from klimakreise.circles.models import CircleMember
from klimakreise.registrations.links import make_token
from klimakreise.registrations.models import Registration
from tests.factories import CircleFactory, TopicFactory, UserFactory
from tests.factories import RegistrationFactory as BaseRegistrationFactory

RegistrationFactory = BaseRegistrationFactory


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Card

    circle = factory.SubFactory(CircleFactory)
    column = Card.Column.IDEAS
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Idee {n}")


def make_circle(edition, **kwargs):
    return CircleFactory(topic=TopicFactory(edition=edition), **kwargs)


def make_member(circle) -> Registration:
    registration = RegistrationFactory(edition=circle.edition)
    CircleMember.objects.create(circle=circle, registration=registration)
    return registration


def staffed_circle(edition):
    """A circle with a moderator account, as the assignment leaves it."""
    return make_circle(edition, moderator=UserFactory())


def member_client(client_for, circle, registration):
    """A client that opened the member's personal link for this circle."""
    client = client_for(None)
    response = client.get(f"/circles/{circle.pk}/?t={make_token(registration)}")
    assert response.status_code == 302
    return client


def publish(edition):
    """Publish the edition's results the way organizers do."""
    from klimakreise.results.publication import publish_results

    publish_results(edition=edition)
