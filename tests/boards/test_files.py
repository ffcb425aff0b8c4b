"""Circle staff add their slides from the workspace; the files follow the workspace's visibility."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klimakreise.editions.models import Attachment
from klimakreise.editions.previews import stored_preview_png
from tests.backoffice.factories import pdf_bytes
from tests.editions.pdfs import pdf_with_pages

pytestmark = pytest.mark.django_db


def send(client, circle, content=None, title="Folien zum Impuls", name="impuls.pdf"):
    file = SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")
    return client.post(f"/circles/{circle.pk}/files/add/", {"title": title, "file": file})


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("organizer", True),
        ("staff", True),
        ("member", False),
        ("other_member", False),
        ("stranger", False),
        ("anonymous", False),
    ],
)
def test_who_may_add_files_to_a_workspace(persona, circle, name, allowed):
    response = send(persona(name), circle)

    assert (response.status_code == 302) is allowed
    assert Attachment.objects.filter(circle=circle).exists() is allowed
    if not allowed:
        assert response.status_code in (403, 404)


def test_added_slides_show_with_a_preview_and_members_can_open_them(persona, circle):
    send(persona("staff"), circle)
    attachment = Attachment.objects.get(circle=circle)

    page = persona("member").get(f"/circles/{circle.pk}/").content.decode()

    assert attachment.content_type == "application/pdf" and attachment.edition == circle.edition
    assert "Folien zum Impuls" in page and f"/files/{attachment.pk}/preview.png" in page
    assert stored_preview_png(attachment).startswith(b"\x89PNG")  # made at upload
    assert persona("member").get(attachment.get_absolute_url()).status_code == 200
    assert persona("stranger").get(attachment.get_absolute_url()).status_code == 404


def test_a_file_that_is_no_pdf_or_image_is_refused_naming_the_field(persona, circle):
    response = send(persona("staff"), circle, content=b"MZ\x90\x00 not a document")

    assert response.status_code == 422
    assert "The file is not a valid PDF, PNG or JPEG file." in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_pdf_with_an_absurd_page_is_refused_naming_the_reason(persona, circle):
    response = send(persona("staff"), circle, content=pdf_with_pages((0.01, 10)))

    assert response.status_code == 422
    assert "The first page of the PDF file has an unusable size or shape" in (
        response.content.decode()
    )
    assert not Attachment.objects.exists()


def test_members_see_no_upload_form(persona, circle):
    member_page = persona("member").get(f"/circles/{circle.pk}/").content.decode()
    staff_page = persona("staff").get(f"/circles/{circle.pk}/").content.decode()

    assert f"/circles/{circle.pk}/files/add/" not in member_page
    assert f"/circles/{circle.pk}/files/add/" in staff_page


def test_a_file_without_a_title_is_refused_naming_the_field(persona, circle):
    response = send(persona("staff"), circle, title="  ")

    assert response.status_code == 422
    assert 'id="id_title_error"' in response.content.decode()
    assert not Attachment.objects.exists()
