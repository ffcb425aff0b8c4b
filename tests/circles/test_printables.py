"""The lists organizers print for an edition: the circles (one per page, or one circle), the
attendance list for funders and name badges (eight to an A4 sheet). Each is a real PDF with
the people's names, has a web preview, and is for the series' organizers only."""

import pypdfium2
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klimakreise.circles.models import CircleMember
from klimakreise.registrations.models import Registration
from tests.circles.factories import register
from tests.circles.helpers import persona_client, url
from tests.factories import EditionFactory, UserFactory

LISTS = ["print_circles", "print_attendance", "print_badges"]


def address(name, edition, fixed):
    if name == "print_circle":
        return url(name, edition, pk=fixed["circle_a"].pk)
    return url(name, edition)


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.content)
    # Lines a table cell wraps read as one: whitespace is normalized.
    return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


@pytest.fixture
def staffed(fixed):
    """Circle "Mobilität" with expert, note-taker, video room and organizations."""
    circle = fixed["circle_a"]
    circle.expert = UserFactory(name="Erik Experte")
    circle.note_taker_name = "Nora Notiz"
    circle.video_room_url = "https://video.example/mobil"
    circle.save()
    Registration.objects.filter(name="Arne Eins").update(organization_name="Stadtwerke Nord")
    return fixed


def test_the_circles_pdf_has_one_page_per_circle_with_members_and_staff(
    staffed, edition, organizer, client_for
):
    pages = pdf_pages(client_for(organizer).get(url("print_circles", edition)))

    assert len(pages) == 2
    mobility = next(page for page in pages if "Mobilität" in page)
    for text in ["Arne Eins", "Stadtwerke Nord", "Mona Moderatorin", "Erik Experte"]:
        assert text in mobility
    assert "Nora Notiz" in mobility
    assert "https://video.example/mobil" in mobility
    assert "Bert Amt" not in mobility


def test_one_circle_prints_alone(staffed, edition, organizer, client_for):
    pages = pdf_pages(client_for(organizer).get(address("print_circle", edition, staffed)))

    assert len(pages) == 1
    assert "Arne Eins" in pages[0]
    assert "Berta Eins" not in pages[0]


def test_a_circle_of_another_edition_is_not_found(fixed, organizer, client_for, series):
    other = EditionFactory(series=series)
    response = client_for(organizer).get(url("print_circle", other, pk=fixed["circle_a"].pk))

    assert response.status_code == 404


def test_the_preview_shows_the_workspace_link_and_its_qr_code(
    staffed, edition, organizer, client_for
):
    circle = staffed["circle_a"]
    workspace = settings.SITE_URL + reverse("boards:workspace", kwargs={"pk": circle.pk})
    page = client_for(organizer).get(url("print_circles", edition), {"format": "html"})

    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{workspace}">{workspace}</a>' in html
    assert 'class="print-qr" src="data:image/png;base64,' in html
    assert "style=" not in html
    assert "<style" not in html


def test_the_attendance_list_names_the_registered_with_room_to_sign(
    staffed, edition, organizer, client_for
):
    waiting = register(edition, [staffed["a"]], name="Wanda Warteliste")
    waiting.status = Registration.Status.WAITLISTED
    waiting.save()

    pages = pdf_pages(client_for(organizer).get(url("print_attendance", edition)))

    text = "".join(pages)
    assert "Signature" in text
    for name in ["Anna Amt", "Arne Eins", "Bruno Zwei", "Stadtwerke Nord", "Verwaltung"]:
        assert name in text
    assert "Wanda Warteliste" not in text


def test_the_attendance_list_can_be_grouped_by_circle(fixed, edition, organizer, client_for):
    late = register(edition, [fixed["a"]], name="Lena Spät")

    html = (
        client_for(organizer)
        .get(url("print_attendance", edition), {"format": "html", "group": "circle"})
        .content.decode()
    )

    mobility, energy, without = (
        html.index(">Mobilität<"),
        html.index(">Energie<"),
        html.index("Without a circle"),
    )
    assert mobility < html.index("Arne Eins") < energy < html.index("Bert Amt") < without
    assert without < html.index(late.name)


def test_badges_come_eight_to_a_page(fixed, edition, organizer, client_for):
    for index in range(3):  # 6 + 3 = 9 people
        register(edition, [fixed["a"]], name=f"Neu {index}")

    pages = pdf_pages(client_for(organizer).get(url("print_badges", edition)))

    assert len(pages) == 2
    assert "Alma Zwei" in pages[0]
    assert "Mobilität" in pages[0]
    assert "Neu 2" in pages[1]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_has_a_web_preview(fixed, edition, organizer, client_for, name):
    response = client_for(organizer).get(url(name, edition), {"format": "html"})

    assert response.status_code == 200
    assert "Arne Eins" in response.content.decode()


def test_the_members_page_links_the_lists(fixed, edition, organizer, client_for):
    html = client_for(organizer).get(url("members", edition)).content.decode()

    for name in LISTS:
        assert url(name, edition) in html
    assert url("print_circle", edition, pk=fixed["circle_b"].pk) in html


def test_the_lists_are_german_first(fixed, edition, organizer, client_for, settings):
    settings.LANGUAGE_CODE = "de"

    text = "".join(pdf_pages(client_for(organizer).get(url("print_attendance", edition))))

    assert "Unterschrift" in text


def queries_of(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_needs_the_same_queries_for_more_people(fixed, edition, organizer, client_for, name):
    client = client_for(organizer)
    few = queries_of(client, url(name, edition) + "?format=html")

    for index in range(4):
        person = register(edition, [fixed["b"]], name=f"Neu {index}", organization_name="Verein")
        CircleMember.objects.create(circle=fixed["circle_b"], registration=person)
        register(edition, [fixed["a"]], name=f"Ohne Kreis {index}")

    assert queries_of(client, url(name, edition) + "?format=html") == few


PERSONAS = ["anonymous", "participant", "stranger", "other_organizer", "moderator", "organizer"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", [*LISTS, "print_circle"])
def test_only_the_series_organizers_may_print(request, fixed, edition, client_for, persona, name):
    client = persona_client(request, client_for, persona, fixed)

    response = client.get(address(name, edition, fixed), {"format": "html"})

    if persona in {"anonymous", "participant"}:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif persona == "organizer":
        assert response.status_code == 200
    else:
        assert response.status_code == 404
