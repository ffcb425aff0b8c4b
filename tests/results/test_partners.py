"""A partner is credited in one sentence that never says its role twice, everywhere alike."""

import pytest
from django.urls import reverse
from django.utils import translation

from klimakreise.editions.credits import partner_credit
from klimakreise.editions.models import Partner
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.queries import results_queryset
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

CREDIT = "Wir danken Stadtwerke für die Förderung."


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def credit(thanks, role_label="Förderung", **kwargs) -> str:
    return partner_credit(
        name="Stadtwerke", role_label=role_label, thanks=thanks, html=False, **kwargs
    )


@pytest.mark.parametrize(
    ("role_label", "thanks", "expected"),
    [
        ("Förderung", "für die Förderung", CREDIT),
        ("Förderung", "Für die Förderung!", "Wir danken Stadtwerke für die Förderung!"),
        ("Förderung", "", "Stadtwerke (Förderung)"),
        (
            "Infrastruktur",
            "Server für die Videokonferenz",
            "Stadtwerke (Infrastruktur): Server für die Videokonferenz",
        ),
        ("Förderung", "Förderung der Moderation", "Stadtwerke: Förderung der Moderation"),
    ],
)
def test_the_credit_is_one_sentence_without_a_repeated_role(role_label, thanks, expected):
    assert credit(thanks, role_label) == expected


def test_the_html_credit_links_the_name_and_escapes_every_text():
    html = partner_credit(
        name="A & B", role_label="Förderung", thanks="für <b>alles</b>", website="https://a.example"
    )
    assert html == (
        'Wir danken <a href="https://a.example">A &amp; B</a> für &lt;b&gt;alles&lt;/b&gt;.'
    )


@pytest.fixture
def funded(published):
    Partner.objects.filter(edition=published).delete()
    PartnerFactory(
        edition=published,
        role=Partner.Role.FUNDING,
        thanks="für die Förderung",
        organization__name="Stadtwerke",
        organization__website="",
    )
    return published


def export_text(edition, fmt) -> str:
    return FORMATS[fmt].render(gather_results(results_queryset().get(pk=edition.pk))).decode()


@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_every_export_credits_the_partner_with_the_one_sentence(funded, fmt):
    text = export_text(funded, fmt)
    assert CREDIT in text
    assert "Förderung: für" not in text


@pytest.mark.parametrize("page", ["results:page", "editions:edition"])
def test_the_pages_credit_the_partner_with_the_one_sentence(client, funded, page):
    html = client.get(reverse(page, kwargs={"slug": funded.slug}), HTTP_ACCEPT_LANGUAGE="de")
    text = html.content.decode()
    assert CREDIT in text
    assert "Förderung: für" not in text
