"""The report pages and their downloads: organizers only, a fixed number of queries, and not
one name or email address of a person in the page, the PDF or the spreadsheet."""

import io

import openpyxl
import pypdfium2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klimakreise.editions.navigation import ORGANIZER_TOOLS
from tests.factories import CircleFactory, RegistrationFactory, TopicFactory

FORMATS = ("", "?format=html", "?format=pdf", "?format=xlsx")


def addresses(built) -> list[str]:
    edition = reverse("reports:edition", kwargs={"slug": built.edition_a.slug})
    series = reverse("reports:series", kwargs={"series": built.series.slug})
    return [base + fmt for base in (edition, series) for fmt in FORMATS]


@pytest.fixture
def urls(built):
    return addresses(built)


def test_anonymous_visitors_are_sent_to_the_login_page(client_for, urls):
    for url in urls:
        response = client_for(None).get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("persona", ["stranger", "other_organizer"])
def test_people_who_do_not_organize_the_series_get_404(request, client_for, urls, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in urls:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("persona", ["organizer", "superuser"])
def test_organizers_get_every_format(request, client_for, urls, persona):
    client = client_for(request.getfixturevalue(persona))
    types = {"": "text/html", "html": "text/html", "pdf": "application/pdf", "xlsx": "sheet"}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert types[url.partition("=")[2]] in response["Content-Type"], url


def test_an_unknown_edition_or_series_is_404(client_for, organizer):
    client = client_for(organizer)
    assert client.get(reverse("reports:edition", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("reports:series", kwargs={"series": "nope"})).status_code == 404


@pytest.mark.parametrize("fmt", ["docx", "PDF", "", "<b>"])
def test_an_unknown_format_is_refused_with_a_message(client_for, organizer, built, fmt):
    client = client_for(organizer)
    client.cookies["django_language"] = "en"
    url = reverse("reports:edition", kwargs={"slug": built.edition_a.slug})
    response = client.get(url, {"format": fmt})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "choose pdf or xlsx" in response.content.decode()


def test_the_organizer_tools_link_the_report(client_for, organizer, built):
    assert "reports:edition" in [link.url_name for link in ORGANIZER_TOOLS]
    cockpit = reverse("backoffice:edition", kwargs={"slug": built.edition_a.slug})
    report = reverse("reports:edition", kwargs={"slug": built.edition_a.slug})
    assert report in client_for(organizer).get(cockpit).content.decode()
    series = reverse("backoffice:series", kwargs={"series": built.series.slug})
    series_report = reverse("reports:series", kwargs={"series": built.series.slug})
    assert series_report in client_for(organizer).get(series).content.decode()


@pytest.mark.parametrize(
    ("language", "heading"), [("de", "Förderbericht"), ("en", "Funder report")]
)
def test_the_page_speaks_the_visitors_language(client_for, organizer, built, language, heading):
    client = client_for(organizer)
    client.cookies["django_language"] = language
    page = client.get(reverse("reports:edition", kwargs={"slug": built.edition_a.slug}))
    assert f"{heading}: Klimakreise Frühjahr" in page.content.decode()


def page_text(response) -> str:
    return response.content.decode()


def pdf_text(response) -> str:
    document = pypdfium2.PdfDocument(response.content)
    assert len(document) >= 1
    return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)


def xlsx_text(response) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return "\n".join(cells)


READERS = {"": page_text, "?format=pdf": pdf_text, "?format=xlsx": xlsx_text}


@pytest.mark.parametrize("fmt", list(READERS))
@pytest.mark.parametrize("scope", ["edition", "series"])
def test_no_name_or_email_address_of_a_person_appears(client_for, organizer, built, fmt, scope):
    base = addresses(built)[0 if scope == "edition" else 4]
    text = READERS[fmt](client_for(organizer).get(base + fmt))
    assert "Mobilität" in text and "Radentscheid e.V." in text  # the report itself is there
    people = [(p.name, p.email) for p in built.people]
    staff = [built.staffed.expert.name, built.staffed.expert.email, "Norbert Notizenschreiber"]
    for value in [*(v for pair in people for v in pair), *staff]:
        assert value and value not in text, value


def test_the_spreadsheet_has_one_sheet_per_section(client_for, organizer, built):
    client = client_for(organizer)
    client.cookies["django_language"] = "en"
    edition, _, _, xlsx, series, _, _, series_xlsx = addresses(built)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(xlsx).content))
    assert workbook.sheetnames == [
        "Participation",
        "Circles and their staff",
        "Next steps",
        "Feedback",
    ]
    rows = list(workbook["Participation"].iter_rows(values_only=True))
    assert ("Zivilgesellschaft", 6, "hidden", "hidden") in rows
    assert ("Verwaltung", "< 3", "< 3", "< 3") in rows
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(series_xlsx).content))
    assert workbook.sheetnames == [
        "Participation",
        "Editions",
        "Circles and their staff",
        "Next steps",
        "Feedback",
    ]


def test_the_pdf_shows_the_report(client_for, organizer, built):
    client = client_for(organizer)
    client.cookies["django_language"] = "en"
    text = pdf_text(client.get(addresses(built)[2]))
    assert "Funder report: Klimakreise Frühjahr" in text
    assert "2 of 4 next steps and responsibilities are done or in progress (50 %)" in text


def grow(built):
    """More of everything: editions' reports must not read more for it."""
    for edition in (built.edition_a, built.edition_b):
        for _ in range(3):
            circle = CircleFactory(topic=TopicFactory(edition=edition))
            RegistrationFactory(edition=edition, organization=built.organizations["cs"])
            circle.cards.create(column="next_steps", status="done", text="Mehr")


@pytest.mark.parametrize("index", [0, 2, 3, 4, 6, 7])
def test_a_report_reads_in_a_fixed_number_of_queries(client_for, organizer, built, index):
    client = client_for(organizer)
    url = addresses(built)[index]
    client.get(url)  # the session and caches settle
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    grow(built)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before) <= 14
