"""The Markdown export writes a heading only above something."""

import markdown as python_markdown
import pytest
from django.utils import translation

from klimakreise.boards.models import Card
from klimakreise.editions.models import Documentation
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.queries import results_queryset
from tests.factories import CircleFactory, TopicFactory
from tests.results.factories import CircleNotesFactory, NextStepFactory

pytestmark = pytest.mark.django_db


def markdown(edition) -> list[str]:
    results = gather_results(results_queryset().get(pk=edition.pk))
    return FORMATS["markdown"].render(results).decode().splitlines()


def level(line: str) -> int:
    marks = len(line) - len(line.lstrip("#"))
    return marks if marks and line[marks : marks + 1] == " " else 0


def empty_headings(lines: list[str]) -> list[str]:
    """Headings followed by nothing but a heading of the same or a higher level (or the end)."""
    empty = []
    content = [line for line in lines if line.strip()]
    for line, following in zip(content, [*content[1:], None], strict=True):
        if level(line) and (following is None or 0 < level(following) <= level(line)):
            empty.append(line)
    return empty


def test_the_check_finds_an_empty_heading():
    assert empty_headings(["## Kreis", "", "### Ideen", "", "## Nächster Kreis", "Text"]) == [
        "### Ideen"
    ]


def test_the_full_results_have_no_empty_heading(results_edition):
    assert empty_headings(markdown(results_edition)) == []


def test_a_circle_without_ideas_has_no_ideas_heading(results_edition):
    circle = results_edition.circles.first()
    circle.cards.filter(column=Card.Column.IDEAS).delete()
    lines = markdown(results_edition)
    assert empty_headings(lines) == []
    assert "### Ideen" in lines or "### Ideas" in lines  # the other circles keep theirs


def test_a_circle_with_nothing_recorded_says_so_under_its_heading(edition):
    CircleFactory(topic=TopicFactory(edition=edition, input_title=""))
    assert empty_headings(markdown(edition)) == []


def test_blank_notes_and_outlook_get_no_heading(edition):
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    NextStepFactory(circle=circle)
    CircleNotesFactory(circle=circle, text="  \n  ")
    Documentation.objects.create(edition=edition, outlook="  \n ")
    lines = markdown(edition)
    assert empty_headings(lines) == []
    assert not any(
        line.startswith("## Ausblick") or line.startswith("## Outlook") for line in lines
    )


def test_a_german_date_at_the_start_of_a_line_is_no_numbered_list(edition):
    with translation.override("de"):
        lines = markdown(edition)
    date_line = next(line for line in lines if "·" in line)

    assert "<ol>" not in python_markdown.markdown(date_line)
