import pytest

from klimakreise.circles.models import Circle
from klimakreise.circles.services import lock_run, run_assignment
from tests.circles.factories import register
from tests.circles.fake_bbb import fake_bbb  # noqa: F401 (a fixture for these tests)
from tests.factories import CircleFactory, TopicFactory, UserFactory


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


@pytest.fixture
def fixed(two_topics, edition, organizer):
    """The two topics locked into circles "Mobilität" (with moderator Mona) and "Energie"."""
    mona = UserFactory(name="Mona Moderatorin", email="mona@kreise.example")
    CircleFactory(topic=two_topics["a"], index=1, moderator=mona)
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    lock_run(run=run)
    circles = {c.topic.slug: c for c in Circle.objects.filter(edition=edition)}
    return {
        **two_topics,
        "run": run,
        "mona": mona,
        "circle_a": circles["a"],
        "circle_b": circles["b"],
    }
