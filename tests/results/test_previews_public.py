"""No public request renders a PDF: the results page, the preview address and the exports only
read stored previews, and a file without one (like the 414-byte attack) leaves every page
working."""

import base64

import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from klimakreise.editions import previews, uploads
from klimakreise.editions.previews import render_missing_previews, stored_preview_png
from klimakreise.results.exports import FORMATS
from tests.editions.pdfs import pdf_with_pages
from tests.results.factories import SlidesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_rendering(monkeypatch):
    """From here on, any attempt to render a PDF fails the test."""

    def refuse(*args, **kwargs):
        pytest.fail("a PDF was rendered while a page was served")

    monkeypatch.setattr(previews, "render_first_page", refuse)
    monkeypatch.setattr(uploads, "render_first_page", refuse)
    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)


@pytest.fixture
def attack(published):
    """The attack: a page 0.01 pt wide and 10 pt high, stored as if uploaded before the limits."""
    circle = published.circles.first()
    content = pdf_with_pages((0.01, 10))
    file = ContentFile(content, name="duenn.pdf")
    return SlidesFactory(circle=circle, title="Dünne Folie", file=file, preview=False)


def preview_url(attachment) -> str:
    return reverse("editions:attachment_preview", kwargs={"pk": attachment.pk})


def export(client, edition, fmt):
    response = client.get(reverse("results:export", kwargs={"slug": edition.slug, "fmt": fmt}))
    assert response.status_code == 200
    return response.getvalue()  # a stored file, streamed


def test_results_page_and_previews_are_served_from_stored_files(
    client, published, attack, no_rendering
):
    slides = list(published.attachments.exclude(pk=attack.pk))
    page = client.get(reverse("results:page", kwargs={"slug": published.slug}))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Dünne Folie" in html and preview_url(attack) not in html
    assert client.get(preview_url(attack)).status_code == 404
    for attachment in slides:
        assert preview_url(attachment) in html
        response = client.get(preview_url(attachment))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content) == stored_preview_png(attachment)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_works_beside_a_file_without_preview(
    client, published, attack, no_rendering, fmt
):
    content = export(client, published, fmt)
    if fmt == "html":
        embedded = content.decode().count("data:image/png;base64,")
        assert embedded == published.attachments.exclude(pk=attack.pk).count()
        png = stored_preview_png(published.attachments.exclude(pk=attack.pk).first())
        assert base64.b64encode(png).decode() in content.decode()


def test_the_attack_stays_without_a_preview_once_the_worker_tried(client, published, attack):
    render_missing_previews()
    attack.refresh_from_db()
    assert not attack.preview and attack.preview_source == attack.file.name
    assert client.get(preview_url(attack)).status_code == 404
    assert client.get(reverse("results:page", kwargs={"slug": published.slug})).status_code == 200


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_exports_work_before_any_preview_was_made(client, published, no_rendering, fmt):
    published.attachments.update(preview="", preview_source="")
    content = export(client, published, fmt)
    if fmt == "html":
        assert "data:image/png" not in content.decode()
        assert "Folien zum Impuls" in content.decode()
    else:
        assert content.startswith(b"%PDF-")
