import re
from pathlib import Path

import pytest
from django.utils import translation

import klimakreise.assignment
from klimakreise.assignment import Infeasible, NoSolutionInTime
from klimakreise.circles.solver_messages import _WORDINGS, describe_solver_error
from klimakreise.organizations.models import Sector
from tests.circles.helpers import run_solver

pytestmark = pytest.mark.django_db


def test_every_failure_the_library_names_has_a_wording():
    package = Path(klimakreise.assignment.__file__).parent
    source = "\n".join(path.read_text() for path in package.glob("*.py"))
    codes = set(re.findall(r'code="(\w+)"', source))

    assert codes == set(_WORDINGS)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            "7 Personen sind „Mobilität“ fest zugeordnet, aber die Kreise dieses Themas",
        ),
        ("en", "7 people are pinned to “Mobilität”, but its circles have room for at most 6."),
    ],
)
def test_a_failure_is_worded_in_the_organizers_language_with_the_topic_title(
    edition, two_topics, language, expected
):
    error = Infeasible(
        "topic a: 7 people are pinned but at most 6 places (max_groups × max_size)",
        code="too_few_places_for_pinned",
        topic="a",
        pinned=7,
        places=6,
    )

    with translation.override(language):
        assert expected in describe_solver_error(error, edition=edition)


def test_a_sector_rule_is_named_by_the_sectors_title(edition, two_topics):
    Sector.objects.filter(series=edition.series, slug="verwaltung").update(title="Stadtverwaltung")
    error = Infeasible(
        "diversity: …",
        code="too_few_for_diversity",
        circles=2,
        per_circle=2,
        attribute="sector",
        value="verwaltung",
        registered=2,
    )

    with translation.override("de"):
        message = describe_solver_error(error, edition=edition)

    assert message.startswith("Es werden mindestens 2 Kreise gebraucht")
    assert "angemeldet aus „Stadtverwaltung“: 2" in message
    assert "„verwaltung“" not in message


def test_an_unexpected_failure_shows_the_librarys_words(edition):
    with translation.override("de"):
        message = describe_solver_error(NoSolutionInTime("ran out", code="new"), edition=edition)

    assert message == "Die Eingabe ließ sich nicht lösen: ran out"


def test_the_assignment_page_explains_an_infeasible_rule_in_german(
    two_topics, edition, organizer, client_for
):
    client = client_for(organizer)
    client.cookies["django_language"] = "de"

    page = run_solver(client, edition, min_verwaltung=2).content.decode()

    assert "Die Berechnung hat keine gültige Einteilung gefunden:" in page
    assert "jeder mit mindestens 2 aus „Verwaltung“; angemeldet aus „Verwaltung“: 2" in page
    assert "registered" not in page
