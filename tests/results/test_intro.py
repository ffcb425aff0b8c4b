"""The results have their own introduction; the edition's invitation text never shows there."""

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from klimakreise.demo.editions import load_editions
from klimakreise.demo.results import load_results
from klimakreise.editions.models import Documentation, Edition
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.publication import documentation_for
from klimakreise.results.queries import results_queryset

pytestmark = pytest.mark.django_db

INVITATION = "Melden Sie sich an und wählen Sie Ihre Wunschthemen."
RESULTS_INTRO = "Fünf Kreise haben an diesem Abend gearbeitet."


@pytest.fixture
def invited(published):
    published.intro = INVITATION
    published.save()
    return published


def export_text(edition, fmt) -> str:
    data = FORMATS[fmt].render(gather_results(results_queryset().get(pk=edition.pk)))
    if fmt != "pdf":
        return data.decode()
    pdf = pdfium.PdfDocument(data)
    # PDF text keeps line breaks where lines wrapped: compare words.
    return " ".join(
        " ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))
    )


def results_page(client, edition) -> str:
    return client.get(reverse("results:page", kwargs={"slug": edition.slug})).content.decode()


def test_the_results_page_shows_the_results_intro_and_not_the_invitation(client, invited):
    Documentation.objects.filter(edition=invited).update(results_intro=RESULTS_INTRO)
    html = results_page(client, invited)
    assert RESULTS_INTRO in html
    assert "Melden Sie sich an" not in html


def test_without_a_results_intro_the_page_shows_no_introduction_at_all(client, invited):
    assert "Melden Sie sich an" not in results_page(client, invited)


@pytest.mark.parametrize("fmt", ["html", "pdf", "markdown", "wordpress"])
def test_every_export_shows_the_results_intro_and_not_the_invitation(invited, fmt):
    Documentation.objects.filter(edition=invited).update(results_intro=RESULTS_INTRO)
    text = export_text(invited, fmt)
    assert RESULTS_INTRO in text
    assert "Melden Sie sich an" not in text


@pytest.mark.parametrize("fmt", ["html", "pdf", "markdown", "wordpress"])
def test_an_export_without_a_results_intro_has_no_invitation(invited, fmt):
    assert "Melden Sie sich an" not in export_text(invited, fmt)


def test_the_organizer_writes_the_results_intro_in_the_review_form(
    client_for, organizer, results_edition
):
    documentation = documentation_for(results_edition)
    url = reverse("results:review", kwargs={"slug": results_edition.slug})
    form_page = client_for(organizer).get(url).content.decode()
    assert 'name="results_intro"' in form_page
    response = client_for(organizer).post(
        url,
        {
            "participant_count": "",
            "results_intro": RESULTS_INTRO,
            "outlook": "",
            "next_date": "",
            "version": documentation.version,
        },
    )
    assert response.status_code == 302
    documentation.refresh_from_db()
    assert documentation.results_intro == RESULTS_INTRO


def test_the_demo_gives_its_published_results_an_intro_of_their_own():
    load_results(load_editions())
    published = Edition.objects.filter(documentation__status=Documentation.Status.PUBLISHED)
    assert published.count() >= 2
    for edition in published:
        intro = edition.documentation.results_intro
        assert intro, f"{edition.slug} has no results intro"
        assert intro != edition.intro
