"""The assignment library's failures, worded for organizers in their language.

The library (klimakreise.assignment) stays free of Django and explains itself in English for the
command line; each error also carries a `code` and its numbers, which are worded here with the
edition's topic and sector titles instead of slugs.
"""

from django.utils.translation import gettext, ngettext

from klimakreise.assignment import AssignmentError
from klimakreise.circles.problem import SECTOR_ATTRIBUTE
from klimakreise.editions.models import Topic
from klimakreise.organizations.models import Sector


def describe_solver_error(error: AssignmentError, *, edition) -> str:
    details = dict(error.details)
    if "topic" in details:
        topics = Topic.objects.filter(edition=edition)
        details["topic"] = _title(topics, details["topic"])
    if "topics" in details:
        details["topics"] = _must_run(Topic.objects.filter(edition=edition), details["topics"])
    if details.get("attribute") == SECTOR_ATTRIBUTE:
        sectors = Sector.objects.filter(series_id=edition.series_id)
        details["value"] = _title(sectors, details["value"])
    wording = _WORDINGS.get(error.code)
    if wording is None:  # a failure the web app does not expect: show the library's own words
        return gettext("The input could not be solved: %(detail)s") % {"detail": error}
    return wording(**details)


def _title(queryset, slug: str) -> str:
    return queryset.filter(slug=slug).values_list("title", flat=True).first() or slug


def _must_run(topics, minimums: dict[str, int]) -> str:
    """“Energie” (2), “Wald” (1): the topics that must run and their fewest circles."""
    return ", ".join(f"“{_title(topics, slug)}” ({count})" for slug, count in minimums.items())


def _min_groups_too_few_people(topics: str, needed: int, available: int) -> str:
    return gettext(
        "The topics that take place for sure need at least %(needed)d people: %(topics)s "
        "(fewest circles in brackets); only %(available)d can join them. Lower the number of "
        "circles that take place for sure."
    ) % {"topics": topics, "needed": needed, "available": available}


def _min_groups_infeasible(topics: str) -> str:
    return gettext(
        "The topics that take place for sure cannot all open their circles together with the "
        "circle sizes, pinned people and sector minimums: %(topics)s (fewest circles in "
        "brackets). Lower the number of circles that take place for sure."
    ) % {"topics": topics}


def _too_few_places(participants: int, places: int) -> str:
    return ngettext(
        "%(participants)d person is registered, but all circles together have room for at most "
        "%(places)d.",
        "%(participants)d people are registered, but all circles together have room for at most "
        "%(places)d.",
        participants,
    ) % {"participants": participants, "places": places}


def _too_few_places_for_pinned(topic: str, pinned: int, places: int) -> str:
    return ngettext(
        "%(pinned)d person is pinned to “%(topic)s”, but its circles have room for at most "
        "%(places)d.",
        "%(pinned)d people are pinned to “%(topic)s”, but its circles have room for at most "
        "%(places)d.",
        pinned,
    ) % {"pinned": pinned, "topic": topic, "places": places}


def _pinned_circle_too_small(topic: str, pinned: int, min_size: int, participants: int) -> str:
    return ngettext(
        "People are pinned to “%(topic)s”, but a circle needs at least %(min_size)d people and "
        "only %(participants)d person is registered.",
        "People are pinned to “%(topic)s”, but a circle needs at least %(min_size)d people and "
        "only %(participants)d people are registered.",
        participants,
    ) % {"topic": topic, "min_size": min_size, "participants": participants}


def _too_few_to_open(participants: int, min_size: int) -> str:
    return ngettext(
        "Only %(participants)d person is registered, but every circle needs at least "
        "%(min_size)d people.",
        "Only %(participants)d people are registered, but every circle needs at least "
        "%(min_size)d people.",
        participants,
    ) % {"participants": participants, "min_size": min_size}


def _no_circle_may_open(participants: int) -> str:
    return gettext("No topic may open a circle: allow at least one circle for a topic.")


def _too_few_for_diversity(
    circles: int, per_circle: int, attribute: str, value: str, registered: int
) -> str:
    return ngettext(
        "At least %(circles)d circle is needed, each with at least %(per_circle)d from "
        "“%(value)s”; registered from “%(value)s”: %(registered)d. Lower the minimum for this "
        "sector.",
        "At least %(circles)d circles are needed, each with at least %(per_circle)d from "
        "“%(value)s”; registered from “%(value)s”: %(registered)d. Lower the minimum for this "
        "sector.",
        circles,
    ) % {"circles": circles, "per_circle": per_circle, "value": value, "registered": registered}


def _infeasible() -> str:
    return gettext(
        "No grouping meets all circle sizes, pinned people and sector minimums together. Allow "
        "more or smaller circles, or lower a sector minimum."
    )


def _no_solution_in_time() -> str:
    return gettext(
        "The time limit ended before the solver found a valid grouping. Try again with a longer "
        "time limit."
    )


_WORDINGS = {
    "too_few_places": _too_few_places,
    "too_few_places_for_pinned": _too_few_places_for_pinned,
    "pinned_circle_too_small": _pinned_circle_too_small,
    "too_few_to_open": _too_few_to_open,
    "no_circle_may_open": _no_circle_may_open,
    "too_few_for_diversity": _too_few_for_diversity,
    "infeasible": _infeasible,
    "min_groups_too_few_people": _min_groups_too_few_people,
    "min_groups_infeasible": _min_groups_infeasible,
    "no_solution_in_time": _no_solution_in_time,
}
