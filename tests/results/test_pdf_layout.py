"""The PDF report keeps headings with their content and short circles on one page."""

import pypdfium2 as pdfium
import pytest
from django.utils import translation
from django.utils.translation import gettext

from klimakreise.demo.editions import load_editions
from klimakreise.demo.results import load_results
from klimakreise.editions.models import Edition
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.queries import results_queryset
from tests.factories import CircleFactory, TopicFactory
from tests.results.factories import CardFactory, CircleNotesFactory, NextStepFactory

pytestmark = pytest.mark.django_db

FOOTER_TOP = 56  # points: the bottom page margin (20 mm) holds only the page number
GREEK = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def pdf_of(edition) -> pdfium.PdfDocument:
    results = gather_results(results_queryset().get(pk=edition.pk))
    return pdfium.PdfDocument(FORMATS["pdf"].render(results))


def lowest_line(page) -> str:
    """The text of the lowest line above the footer, as a reader sees the page end."""
    text = page.get_textpage()
    chars = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        left, bottom, right, top = text.get_charbox(i, loose=True)
        if char.strip() and bottom > FOOTER_TOP:
            chars.append((bottom, top, left, char))
    if not chars:
        return ""
    lowest = min(c[0] for c in chars)
    on_line = sorted((left, char) for bottom, top, left, char in chars if bottom < lowest + 3)
    return "".join(char for _, char in on_line)


def page_texts(pdf) -> list[str]:
    return [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]


def headings(edition) -> set[str]:
    labels = [
        "Agenda",
        "Results of the circles",
        "Ideas",
        "Next steps",
        "Responsibilities",
        "Notes",
        "Slides and documents",
        "Partners and thanks",
        "Outlook",
    ]
    names = {circle.name for circle in gather_results(edition).circles}
    return {gettext(label).replace(" ", "") for label in labels} | {
        name.replace(" ", "") for name in names
    }


def test_the_lowest_line_is_found_below_the_others(edition):
    CircleFactory(topic=TopicFactory(edition=edition, title="Kreis Omega"))
    pdf = pdf_of(edition)
    assert lowest_line(pdf[len(pdf) - 1]) != ""


@pytest.mark.parametrize("slug", ["magdeburg-2022", "magdeburg-2021"])
def test_no_page_of_the_demo_report_ends_with_a_heading(slug):
    load_results(load_editions())
    edition = Edition.objects.get(slug=slug)
    pdf = pdf_of(edition)
    names = headings(edition)
    ends = [lowest_line(pdf[i]).replace(" ", "") for i in range(len(pdf))]
    ending_with_heading = [(page + 1, end) for page, end in enumerate(ends) if end in names]
    assert ending_with_heading == [], ends


def short_circle(edition, name: str):
    circle = CircleFactory(topic=TopicFactory(edition=edition, title=f"Kreis {name}"))
    for n in range(4):
        CardFactory(circle=circle, text=f"Idee {n} von Kreis {name}")
    for _ in range(3):
        NextStepFactory(circle=circle)
    CircleNotesFactory(circle=circle, text=f"Schlusswort {name}.")
    return circle


def test_a_short_circle_is_never_split_across_pages(edition):
    # Enough circles of about half a page that, printed one after another, some would straddle
    # a page break.
    for name in GREEK:
        short_circle(edition, name)
    texts = page_texts(pdf_of(edition))

    def page_of(text: str) -> int:
        return next(i for i, page in enumerate(texts) if text in page)

    pages = {name: (page_of(f"Kreis {name}"), page_of(f"Schlusswort {name}")) for name in GREEK}
    assert {name: p for name, p in pages.items() if p[0] != p[1]} == {}
    assert len({start for start, _ in pages.values()}) < len(GREEK), "circles share pages"


def test_a_circle_longer_than_a_page_goes_on_where_the_one_before_ends(edition):
    # Moved to a fresh page, it would still be split and leave a nearly empty page behind.
    short_circle(edition, "Alpha")
    long = CircleFactory(topic=TopicFactory(edition=edition, title="Kreis Lang"))
    for n in range(70):
        CardFactory(circle=long, text=f"Lange Idee {n}")
    texts = page_texts(pdf_of(edition))
    first = next(i for i, page in enumerate(texts) if "Kreis Lang" in page)
    assert "Schlusswort Alpha" in texts[first]
