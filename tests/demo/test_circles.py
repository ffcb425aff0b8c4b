"""The demo places the past editions' participants with the solver, the same way every time."""

from types import SimpleNamespace

from klimakreise.circles.models import AssignmentRun, CircleMember
from klimakreise.demo.circles import load_circles
from tests.circles.factories import register
from tests.factories import CircleFactory, EditionFactory, TopicFactory


def past_edition(series, slug):
    edition = EditionFactory(series=series, slug=slug)
    topics = [TopicFactory(edition=edition, min_size=2, max_size=4) for _ in range(3)]
    for topic in topics:
        CircleFactory(topic=topic)
    sectors = ["verwaltung", "zivilgesellschaft", "wissenschaft"]
    for n in range(9):
        register(edition, [topics[n % 3], topics[(n + 1) % 3]], sector=sectors[n // 3])
    return edition


def memberships(edition):
    return sorted(
        CircleMember.objects.filter(circle__edition=edition).values_list(
            "registration_id", "circle_id"
        )
    )


def test_loading_the_demo_twice_gives_the_same_circles(series, organizer):
    past = past_edition(series, "magdeburg-2022")
    upcoming = past_edition(series, "magdeburg-3")
    ctx = SimpleNamespace(
        organizer=organizer, editions={"magdeburg-2022": past, "magdeburg-3": upcoming}
    )

    load_circles(ctx)
    first = memberships(past)
    load_circles(ctx)

    assert len(first) == 9
    assert memberships(past) == first
    assert AssignmentRun.objects.get(edition=past).status == AssignmentRun.Status.LOCKED
    assert memberships(upcoming) == []  # left open for the organizers to try
    assert not AssignmentRun.objects.filter(edition=upcoming).exists()
