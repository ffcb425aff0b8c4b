"""Hidden writing reaches no edition-wide read: the results page, its API, every export and the
steps API show a circle's cards only after the reveal (boards.reading)."""

import io
import zipfile

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from klimakreise.boards.models import CircleState
from klimakreise.boards.services import facilitation
from klimakreise.results.exports import FORMATS
from tests.results.factories import CardFactory, NextStepFactory

pytestmark = pytest.mark.django_db

IDEA = "Geheime Idee Zebra"
STEP = "Geheimer Schritt Okapi"
ACTOR = {"actor_user": None}


@pytest.fixture
def hidden(published):
    circle = published.circles.first()
    CardFactory(circle=circle, text=IDEA)
    NextStepFactory(circle=circle, text=STEP)
    facilitation.set_phase(circles=[circle], phase=CircleState.Phase.HIDDEN_WRITING, actor=ACTOR)
    return circle


def _text(fmt: str, body: bytes) -> str:
    if fmt == "pdf":
        pdf = pdfium.PdfDocument(body)
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    if zipfile.is_zipfile(io.BytesIO(body)):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = archive.namelist()
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in names)
    return body.decode()


def _surfaces(client, edition) -> dict[str, str]:
    slug = edition.slug
    pages = {
        "page": client.get(reverse("results:page", kwargs={"slug": slug})).content.decode(),
        "api": client.get(f"/api/v1/editions/{slug}/results").content.decode(),
        "steps api": client.get(f"/api/v1/editions/{slug}/steps").content.decode(),
    }
    for fmt in FORMATS:
        response = client.get(reverse("results:export", kwargs={"slug": slug, "fmt": fmt}))
        assert response.status_code == 200, fmt
        pages[fmt] = _text(fmt, b"".join(response.streaming_content))
    return pages


def test_no_results_surface_shows_a_hidden_circles_cards(client, hidden):
    for surface, text in _surfaces(client, hidden.edition).items():
        assert IDEA not in text, surface
        assert STEP not in text, surface


def test_the_reveal_shows_the_cards_on_every_results_surface(client, hidden):
    _surfaces(client, hidden.edition)  # stored exports of the hidden state, if any
    facilitation.set_phase(circles=[hidden], phase=CircleState.Phase.OPEN, actor=ACTOR)
    for surface, text in _surfaces(client, hidden.edition).items():
        if surface != "steps api":  # ideas are no steps
            assert IDEA in text, surface
        assert STEP in text, surface


def test_other_circles_cards_stay_on_the_results_while_one_is_hidden(client, hidden):
    other = hidden.edition.circles.exclude(pk=hidden.pk).first()
    CardFactory(circle=other, text="Offene Idee Giraffe")
    page = client.get(reverse("results:page", kwargs={"slug": hidden.edition.slug}))
    assert "Offene Idee Giraffe" in page.content.decode()
