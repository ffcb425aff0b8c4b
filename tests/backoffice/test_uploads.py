"""Attachments are judged by their bytes: real PDFs and images in, everything else out."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klimakreise.backoffice.forms import messages
from klimakreise.editions.models import Attachment
from klimakreise.editions.previews import Refusal, stored_preview_png
from klimakreise.editions.uploads import PREVIEW_REFUSED
from tests.backoffice.conftest import en, form_errors
from tests.backoffice.factories import PNG_BYTES, pdf_bytes
from tests.editions.pdfs import pdf_with_pages
from tests.factories import AgendaItemFactory, CircleFactory, EditionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(client_for, organizer, edition):
    url = reverse("backoffice:attachment_create", kwargs={"slug": edition.slug})

    def send(content: bytes, name="folien.pdf", content_type="application/pdf", **fields):
        file = SimpleUploadedFile(name, content, content_type=content_type)
        data = {"title": "Folien", "file": file, "agenda_item": "", "circle": ""} | fields
        return client_for(organizer).post(url, data)

    return send


def test_real_pdf_is_accepted_with_type_and_size(upload, edition):
    content = pdf_bytes()
    assert upload(content, content_type="text/plain").status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.edition == edition
    assert attachment.content_type == "application/pdf"  # from the bytes, not the browser
    assert attachment.size == len(content)
    assert attachment.file.read() == content
    assert stored_preview_png(attachment).startswith(b"\x89PNG")  # made by the check
    assert attachment.preview_source == attachment.file.name


def test_png_is_accepted(upload):
    assert upload(PNG_BYTES, name="bild.png", content_type="image/png").status_code == 302
    assert Attachment.objects.get().content_type == "image/png"


@pytest.mark.parametrize(
    "content",
    [b"Das ist nur Text, kein PDF.\n" * 20, b"<svg></svg>", b"<html><body></body></html>"],
    ids=["text", "svg", "html"],
)
def test_fake_files_are_refused(upload, content):
    assert en(messages.FILE_TYPE) in form_errors(upload(content), "file")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (b"%PDF-1.7\nkaputt\n" * 20, Refusal.UNREADABLE),
        (pdf_with_pages((100, 100), repeat=5000), Refusal.PAGES),
    ],
    ids=["pdf-header-but-broken", "5000-pages"],
)
def test_pdfs_without_a_preview_within_the_limits_are_refused(upload, content, refusal):
    expected = en(PREVIEW_REFUSED[refusal]) % {"pages": 1000}
    assert expected in form_errors(upload(content), "file")
    assert not Attachment.objects.exists()


def test_replacing_a_pdf_by_an_image_drops_the_preview(client_for, organizer, edition, upload):
    upload(pdf_bytes())
    attachment = Attachment.objects.get()
    url = reverse("backoffice:attachment_edit", args=[edition.slug, attachment.pk])
    image = SimpleUploadedFile("bild.png", PNG_BYTES, content_type="image/png")
    data = {"title": "Bild", "file": image, "agenda_item": "", "circle": ""}
    assert client_for(organizer).post(url, data).status_code == 302
    stored = Attachment.objects.get()
    assert stored.content_type == "image/png" and not stored.preview
    assert stored.preview_source == stored.file.name


def test_oversized_file_is_refused(upload, settings):
    content = pdf_bytes()
    settings.UPLOAD_MAX_BYTES = len(content) - 1
    errors = form_errors(upload(content), "file")
    assert any(error.startswith("The file is too large") for error in errors)
    assert not Attachment.objects.exists()


def test_file_on_agenda_item_and_circle_at_once_is_refused(upload, edition):
    item = AgendaItemFactory(edition=edition)
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    response = upload(pdf_bytes(), agenda_item=item.pk, circle=circle.pk)
    assert en(messages.ONE_TARGET) in form_errors(response, "circle")
    assert not Attachment.objects.exists()


def test_target_of_another_edition_is_refused(upload, edition):
    other = EditionFactory(series=edition.series)
    response = upload(pdf_bytes(), agenda_item=AgendaItemFactory(edition=other).pk)
    assert form_errors(response, "agenda_item")
    assert not Attachment.objects.exists()


def test_file_on_own_circle_is_accepted(upload, edition):
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    assert upload(pdf_bytes(), circle=circle.pk).status_code == 302
    assert Attachment.objects.get().circle == circle


def test_edit_without_new_file_keeps_the_file(client_for, organizer, edition, upload):
    upload(pdf_bytes())
    attachment = Attachment.objects.get()
    url = reverse("backoffice:attachment_edit", args=[edition.slug, attachment.pk])
    data = {"title": "Neuer Titel", "agenda_item": "", "circle": ""}
    assert client_for(organizer).post(url, data).status_code == 302
    stored = Attachment.objects.get()
    assert (stored.title, stored.file.name, stored.size) == (
        "Neuer Titel",
        attachment.file.name,
        attachment.size,
    )
