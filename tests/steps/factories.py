"""Steps tests: published editions with next-step cards and their owners."""

from datetime import timedelta

from django.utils import timezone

from klimakreise.boards.models import Card
from klimakreise.editions.models import Edition
from klimakreise.results.publication import publish_results
from klimakreise.steps.models import StepFollowUp
from tests.boards.factories import CardFactory, make_circle, make_member


def step_card(circle, **kwargs) -> Card:
    kwargs.setdefault("column", Card.Column.NEXT_STEPS)
    kwargs.setdefault("text", "Radweg-Antrag an den Stadtrat")
    return CardFactory(circle=circle, **kwargs)


def published(edition) -> Edition:
    edition.status = Edition.Status.DOCUMENTED
    edition.save()
    publish_results(edition=edition)
    return edition


def owned_by(card, registration=None, **contact) -> StepFollowUp:
    return StepFollowUp.objects.create(card=card, registration=registration, **contact)


def due_in(days: int):
    return timezone.localdate() + timedelta(days=days)


__all__ = ["due_in", "make_circle", "make_member", "owned_by", "published", "step_card"]
