import pytest

from klimakreise.editions.models import AgendaItem
from klimakreise.results.publication import publish_results
from tests.factories import AgendaItemFactory, CircleFactory, PartnerFactory, TopicFactory
from tests.results.factories import (
    CardFactory,
    CircleNotesFactory,
    NextStepFactory,
    SlidesFactory,
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The personas' passwords are hashed on creation; the real hasher costs seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _export_dir(settings, tmp_path):
    # Stored export files of one test must not be read by another.
    settings.KLIMAKREISE_EXPORT_DIR = tmp_path / "exports"


def add_circles(edition, count: int, cards: int = 2):
    """`count` circles, each with `cards` ideas, `cards` next steps, notes and slides."""
    circles = []
    for _ in range(count):
        circle = CircleFactory(topic=TopicFactory(edition=edition, input_title="Impuls"))
        for _ in range(cards):
            CardFactory(circle=circle)
            NextStepFactory(circle=circle)
        CircleNotesFactory(circle=circle)
        SlidesFactory(circle=circle)
        circles.append(circle)
    return circles


@pytest.fixture
def results_edition(edition):
    """An edition with an input talk (with slides), a partner and three circles with results."""
    talk = AgendaItemFactory(
        edition=edition, kind=AgendaItem.Kind.TALK, title="Gute Beispiele", speaker="Dr. Impuls"
    )
    SlidesFactory(agenda_item=talk, title="Folien zum Impuls")
    PartnerFactory(edition=edition, thanks="für die Förderung")
    add_circles(edition, 3)
    return edition


@pytest.fixture
def published(results_edition):
    publish_results(edition=results_edition)
    results_edition.refresh_from_db()
    return results_edition
