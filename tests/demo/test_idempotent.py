"""Loading the demo again, also after data retention anonymized the past editions, changes
nothing: the same editions, registrations, circles, members, cards and published results."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from klimakreise.boards.models import Card, Dot, DotVote
from klimakreise.circles.models import Circle, CircleMember
from klimakreise.editions.models import AgendaItem, Documentation, Edition, Topic
from klimakreise.registrations.models import Preference, Registration
from klimakreise.registrations.retention import anonymize_edition_registrations

pytestmark = pytest.mark.django_db

# Rows made anew on each load get new ids and times; their contents are compared without them.
VOLATILE = {"id", "updated_at", "changed_at", "agenda_item_id"}
COMPARED = (
    Edition,
    Topic,
    AgendaItem,
    Registration,
    Preference,
    Circle,
    CircleMember,
    Card,
    DotVote,
    Dot,
    Documentation,
)


def contents() -> dict[str, list]:
    snapshot = {}
    for model in COMPARED:
        rows = [
            tuple(sorted((k, repr(v)) for k, v in row.items() if k not in VOLATILE))
            for row in model.objects.values()
        ]
        snapshot[model._meta.label] = sorted(rows)
    return snapshot


def assert_same(now: dict, before: dict) -> None:
    for label, rows in before.items():
        changed = sorted(set(now[label]) ^ set(rows))[:2]
        assert now[label] == rows, (label, changed)


def load() -> dict[str, list]:
    call_command("load_demo", stdout=StringIO())
    return contents()


def members_per_circle(slug: str) -> list[int]:
    circles = Circle.objects.filter(edition__slug=slug).order_by("topic__position", "index")
    return [circle.members.count() for circle in circles]


def test_loading_the_demo_three_times_leaves_the_same_contents():
    first = load()
    assert_same(load(), first)
    assert_same(load(), first)
    assert len(first["registrations.Registration"]) == 50 + 52 + 35


def test_loading_again_after_retention_keeps_the_people_and_fills_every_circle():
    load()
    for slug in ("magdeburg-2021", "magdeburg-2022"):
        anonymize_edition_registrations(edition=Edition.objects.get(slug=slug))
    anonymized = contents()

    again = load()

    assert_same(again, anonymized)
    assert Registration.objects.filter(edition__slug="magdeburg-2022").count() == 52
    assert Registration.objects.filter(anonymized_at__isnull=False).count() == 50 + 52
    for slug in ("magdeburg-2021", "magdeburg-2022"):
        assert all(members_per_circle(slug)), slug


def test_demo_people_have_plain_names_and_no_consent_in_the_future():
    load()
    now = timezone.now()
    for registration in Registration.objects.all():
        assert registration.consent_privacy_at <= now
        assert registration.confirmed_at <= now
    names = " ".join(
        [*Registration.objects.values_list("name", flat=True)]
        + [*AgendaItem.objects.values_list("speaker", flat=True)]
        + [*Circle.objects.values_list("moderator_name", flat=True)]
    )
    for degree in ("Dr.", "Ing.", "B.Eng.", "B.Sc.", "MBA", "Prof.", "Dipl."):
        assert degree not in names


def test_the_third_edition_looks_back_on_the_second():
    load()
    titles = list(
        AgendaItem.objects.filter(edition__slug="magdeburg-3").values_list("title", flat=True)
    )
    assert "Rückblick auf die 2. Klimakreise" in titles
    assert "Rückblick auf die 1. Klimakreise" not in titles
