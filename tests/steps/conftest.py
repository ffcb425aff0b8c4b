from types import SimpleNamespace

import pytest

from tests.factories import EditionFactory
from tests.steps.factories import make_circle, make_member, owned_by, published, step_card


@pytest.fixture
def world(edition):
    """A published edition with one circle, a member who looks after one step, a contact who
    looks after another, and a step of nobody."""
    published(edition)
    circle = make_circle(edition)
    member = make_member(circle)
    own = step_card(circle, text="Antrag stellen", responsible=member.name)
    contact_card = step_card(circle, text="Pressemitteilung", responsible="Stadtwerke")
    return SimpleNamespace(
        edition=edition,
        series=edition.series,
        circle=circle,
        member=member,
        own=own,
        own_follow_up=owned_by(own, member),
        contact_card=contact_card,
        contact_follow_up=owned_by(
            contact_card, contact_name="Rita Kontakt", contact_email="rita@example.org"
        ),
        nobodys=step_card(circle, text="Fest organisieren"),
    )


@pytest.fixture
def next_edition(world):
    """The following edition of the same series (number + 1), published."""
    return EditionFactory(
        series=world.series, number=world.edition.number + 1, title="Nächste Klimakreise"
    )
