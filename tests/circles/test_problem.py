"""The solver input built from the database, and how pinned people keep their circle."""

from klimakreise.circles.models import TopicPin
from klimakreise.circles.problem import build_problem
from klimakreise.circles.services.runs import keep_desired_circles, run_assignment
from klimakreise.registrations.models import Registration
from tests.circles.factories import register
from tests.factories import CircleFactory, TopicFactory, UserFactory


def test_the_input_has_registered_people_with_ranked_wishes_and_sectors(edition):
    a = TopicFactory(edition=edition, slug="a", min_size=1, max_size=5, max_groups=2)
    b = TopicFactory(edition=edition, slug="b")
    person = register(edition, [b, a], sector="verwaltung")
    for status in ("pending_confirmation", "waitlisted", "cancelled"):
        register(edition, [a], status=status)

    problem = build_problem(edition=edition, minimums={"verwaltung": 1, "politik": 0})

    assert problem["topics"][0] == {
        "id": "a",
        "min_size": 1,
        "max_size": 5,
        "max_groups": 2,
        "min_groups": 0,
    }
    assert problem["participants"] == [
        {
            "id": str(person.pk),
            "preferences": ["b", "a"],
            "attributes": {"sector": "verwaltung"},
            "fixed_topic": None,
        }
    ]
    assert problem["diversity"] == [
        {"attribute": "sector", "value": "verwaltung", "min_per_group": 1}
    ]
    assert problem["cost"] == {"unlisted": 100}


def test_staff_organizer_pins_and_moves_fix_the_topic(edition):
    a = TopicFactory(edition=edition, slug="a")
    b = TopicFactory(edition=edition, slug="b")
    c = TopicFactory(edition=edition, slug="c")
    moderator = UserFactory(email="moderation@kreise.example")
    CircleFactory(topic=b, moderator=moderator)
    staff = register(edition, [a], email="Moderation@Kreise.example")
    expert = register(edition, [a])
    TopicPin.objects.create(edition=edition, registration=expert, topic=c)
    moved = register(edition, [a])
    free = register(edition, [a])

    problem = build_problem(edition=edition, minimums={}, moved={moved.pk: "b"})

    fixed = {p["id"]: p["fixed_topic"] for p in problem["participants"]}
    assert fixed == {
        str(staff.pk): "b",
        str(expert.pk): "c",
        str(moved.pk): "b",
        str(free.pk): None,
    }


def test_pinned_people_are_swapped_into_their_circle_within_the_topic():
    groups = [
        {"topic": "m", "index": 1, "members": ["p1", "p2"]},
        {"topic": "m", "index": 2, "members": ["p3", "p4"]},
    ]
    sectors = {"p1": "x", "p2": "y", "p3": "y", "p4": "x"}

    result = keep_desired_circles(groups, {"p1": 2}, sectors)

    assert result == [
        {"topic": "m", "index": 1, "members": ["p4", "p2"]},  # p4 has p1's sector
        {"topic": "m", "index": 2, "members": ["p3", "p1"]},
    ]
    assert groups[0]["members"] == ["p1", "p2"]  # the solver's output stays as it was


def test_a_pin_never_breaks_a_sector_minimum():
    groups = [
        {"topic": "m", "index": 1, "members": ["p", "q"]},
        {"topic": "m", "index": 2, "members": ["s", "r"]},
    ]
    sectors = {"p": "a", "s": "a", "q": "b", "r": "b"}

    # p wants circle 2, whose only other person of another sector is r; swapping them would
    # leave circle 1 without anyone of sector a.
    result = keep_desired_circles(groups, {"p": 2, "s": 2}, sectors, {"a": 1})

    assert result == groups
    without_rule = keep_desired_circles(groups, {"p": 2, "s": 2}, sectors)
    assert without_rule[1]["members"] == ["s", "p"]


def test_a_moderator_of_circle_b_lands_in_circle_b(edition):
    topic = TopicFactory(edition=edition, slug="m", min_size=2, max_size=3, max_groups=2)
    moderator = UserFactory()
    CircleFactory(topic=topic, index=2, moderator=moderator)
    people = [register(edition, [topic]) for _ in range(5)]
    Registration.objects.filter(pk=people[0].pk).update(email=moderator.email)

    for seed in range(4):
        run = run_assignment(edition=edition, user=None, minimums={}, time_limit=5, seed=seed)
        assert run.placements.get(registration=people[0]).index == 2
