"""The solver's input, built from the database: the one place the web flow, demo and tests use.

Participants are the edition's registrations with status "registered" (confirmed, not on the
waitlist). Ids in the solver's JSON are the registration's primary key as a string and the
topic's slug, so a stored input stays readable and maps back to the database.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch

from klimakreise.circles.models import Circle, TopicPin
from klimakreise.editions.models import Edition, Topic
from klimakreise.registrations.models import Preference, Registration

SECTOR_ATTRIBUTE = "sector"


@dataclass(frozen=True)
class Pin:
    """Why a registration is held in a topic; `index` names its circle when that is known."""

    topic: Topic
    index: int | None
    reason: str  # "staff" (moderator, expert or note-taker of a circle) or "organizer"


def registered(edition: Edition):
    """Confirmed and not on the waitlist: the people the assignment places."""
    return Registration.objects.filter(edition=edition, status=Registration.Status.REGISTERED)


def participants(edition: Edition):
    return (
        registered(edition)
        .select_related("sector")
        .prefetch_related(
            Prefetch(
                "preferences",
                queryset=Preference.objects.filter(topic__edition=edition)
                .select_related("topic")
                .order_by("rank"),
            )
        )
        .order_by("pk")
    )


def staff_pins(edition: Edition) -> dict[str, Pin]:
    """Circle staff by email (lower case): a registration with that email stays in the circle."""
    pins: dict[str, Pin] = {}
    circles = Circle.objects.filter(edition=edition).select_related(
        "topic", "moderator", "expert", "note_taker"
    )
    for circle in circles.order_by("-index"):  # the lowest index wins for a double role
        for user in circle.staff_users:
            pins[user.email.lower()] = Pin(circle.topic, circle.index, "staff")
    return pins


def standing_pins(edition: Edition, people) -> dict[int, Pin]:
    """Registration pk → pin, from circle staff and from organizers' "pin to topic" actions."""
    by_email = staff_pins(edition)
    pins = {
        person.pk: by_email[person.email.lower()]
        for person in people
        if person.email and person.email.lower() in by_email
    }
    chosen = TopicPin.objects.filter(edition=edition).select_related("topic")
    pins.update({pin.registration_id: Pin(pin.topic, None, "organizer") for pin in chosen})
    return pins


def diversity_rules(minimums: Mapping[str, int]) -> list[dict]:
    return [
        {"attribute": SECTOR_ATTRIBUTE, "value": slug, "min_per_group": count}
        for slug, count in sorted(minimums.items())
        if count > 0
    ]


def build_problem(
    *, edition: Edition, minimums: Mapping[str, int], moved: Mapping[int, str] | None = None
) -> dict:
    """The solver input for `edition`.

    `minimums` maps sector slugs to "at least N per circle"; `moved` maps registration pks to the
    topic slug an organizer moved them to by hand, which pins them there (over any other pin).
    """
    people = list(participants(edition))
    pins = {pk: pin.topic.slug for pk, pin in standing_pins(edition, people).items()}
    pins.update(moved or {})
    return {
        "topics": [
            {
                "id": topic.slug,
                "min_size": topic.min_size,
                "max_size": topic.max_size,
                "max_groups": topic.max_groups,
                "min_groups": topic.min_groups,
            }
            for topic in edition.topics.order_by("position", "pk")
        ],
        "participants": [
            {
                "id": str(person.pk),
                "preferences": [wish.topic.slug for wish in person.preferences.all()],
                "attributes": {SECTOR_ATTRIBUTE: person.sector.slug},
                "fixed_topic": pins.get(person.pk),
            }
            for person in people
        ],
        "diversity": diversity_rules(minimums),
        "cost": {"unlisted": settings.ASSIGNMENT_UNLISTED_COST},
    }
