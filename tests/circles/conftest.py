import pytest

from tests.circles.factories import register
from tests.factories import TopicFactory


@pytest.fixture(autouse=True)
def _english_pages(settings):
    """Pages in English, so tests read the msgids (participants keep their own language)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def two_topics(edition):
    """Topics A and B with exactly 3 places each; 3 people wish A first, 3 wish B first.

    One person per topic is from the administration (Verwaltung). The optimum is cost 0.
    """
    a = TopicFactory(edition=edition, slug="a", title="Mobilität", min_size=3, max_size=3)
    b = TopicFactory(edition=edition, slug="b", title="Energie", min_size=3, max_size=3)
    people = {
        "a_admin": register(edition, [a, b], sector="verwaltung", name="Anna Amt"),
        "a1": register(edition, [a, b], name="Arne Eins"),
        "a2": register(edition, [a, b], name="Alma Zwei", language="en"),
        "b_admin": register(edition, [b, a], sector="verwaltung", name="Bert Amt"),
        "b1": register(edition, [b, a], name="Berta Eins"),
        "b2": register(edition, [b, a], name="Bruno Zwei"),
    }
    return {"a": a, "b": b, "people": people}
