"""PDF previews are made within hard limits, at upload or by the worker, and stored as files.

Each crafted PDF stands for an attack or an accident: pages too thin, too flat or too large,
thousands of pages, deep nesting, truncated files, HTML that calls itself a PDF."""

import io

import pytest
from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from klimakreise.core.jobs import scheduled_jobs
from klimakreise.editions import previews
from klimakreise.editions.models import Attachment
from klimakreise.editions.previews import (
    Refusal,
    render_first_page,
    render_missing_previews,
    store_preview,
    stored_preview_png,
)
from klimakreise.editions.uploads import (
    FILE_TYPE,
    IMAGE_TOO_LARGE,
    PREVIEW_REFUSED,
    checked_upload,
)
from tests.backoffice.factories import PNG_BYTES, AttachmentFactory
from tests.editions.pdfs import (
    HTML_PAGE,
    nested_arrays_pdf,
    nested_dictionaries_pdf,
    nested_page_tree_pdf,
    pdf_with_pages,
    png_header,
    red_square_pdf,
)

SLIDE = (842, 595)  # A4 landscape, in points


def image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def refusal_of(content: bytes, name="folien.pdf") -> str:
    """The message checked_upload gives for this file (in English)."""
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(forms.ValidationError) as refused, translation.override("en"):
        checked_upload(upload)
    with translation.override("en"):
        return str(refused.value.messages[0])


def message(refusal: Refusal) -> str:
    with translation.override("en"):
        return str(PREVIEW_REFUSED[refusal]) % {"pages": 1000, "aspect": 20}


def test_preview_shows_the_first_page_scaled_to_the_preview_width():
    rendered = render_first_page(red_square_pdf())
    picture = image(rendered.png)
    assert rendered.refusal is None
    assert picture.size == (800, 566)  # 595 × 800 / 842 = 565.3, rounded up
    x, y = int(300 / 842 * 800), int((595 - 250) / 595 * picture.height)
    assert picture.getpixel((x, y)) == (255, 0, 0)
    assert picture.getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("pages", "box"),
    [
        ([(14400, 14400)], (800, 800)),  # the largest page PDF allows: 5 m square
        ([(595, 842)], (800, 1133)),  # portrait: width first
        ([(300, 6000), SLIDE], (80, 1600)),  # a tall first page: the height caps the scale
        ([(40, 30)], (320, 240)),  # a tiny page is not blown up more than eight times
    ],
    ids=["huge", "portrait", "tall", "tiny"],
)
def test_the_bitmap_never_exceeds_the_preview_box(pages, box):
    assert image(render_first_page(pdf_with_pages(*pages)).png).size == box


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (pdf_with_pages((0.01, 10)), Refusal.PAGE_SIZE),  # the attack: 800 × 800,001 px
        (pdf_with_pages((10, 0.01)), Refusal.PAGE_SIZE),
        (pdf_with_pages((20000, 20000)), Refusal.PAGE_SIZE),  # larger than PDF allows
        (pdf_with_pages((100, 2500)), Refusal.PAGE_SIZE),  # 1:25
        (pdf_with_pages((100, 100), repeat=5000), Refusal.PAGES),
        (red_square_pdf()[:200], Refusal.UNREADABLE),  # truncated
        (b"%PDF-1.7\n" + HTML_PAGE, Refusal.UNREADABLE),  # HTML behind a PDF header
        (nested_page_tree_pdf(5000), Refusal.UNREADABLE),
    ],
    ids=["thin", "flat", "beyond-5m", "aspect", "5000-pages", "truncated", "html", "deep-tree"],
)
def test_pdf_without_a_preview_within_the_limits_is_refused_naming_the_reason(content, refusal):
    assert render_first_page(content) == previews.Rendered(None, refusal)
    assert refusal_of(content) == message(refusal)


@pytest.mark.parametrize(
    "content",
    [nested_arrays_pdf(50000), nested_dictionaries_pdf(50000), nested_page_tree_pdf(10)],
    ids=["arrays", "dictionaries", "shallow-tree"],
)
def test_deep_nesting_inside_a_sane_pdf_still_gets_its_preview(content):
    upload = SimpleUploadedFile("folien.pdf", content)
    checked = checked_upload(upload)
    assert checked.content_type == "application/pdf"
    assert image(checked.preview).size == (800, 400)


def test_html_named_pdf_is_no_pdf():
    with translation.override("en"):
        assert refusal_of(HTML_PAGE, name="folien.pdf") == str(FILE_TYPE)


def test_images_need_no_preview():
    checked = checked_upload(SimpleUploadedFile("bild.png", PNG_BYTES))
    assert (checked.content_type, checked.preview) == ("image/png", None)


@pytest.mark.parametrize("size", [(8000, 6000), (100000, 100000), (1, 50_000_000)])
def test_images_claiming_too_many_pixels_are_refused(size):
    with translation.override("en"):
        expected = str(IMAGE_TOO_LARGE) % {"megapixels": 40}
    assert refusal_of(png_header(*size), name="bild.png") == expected


def test_an_image_within_the_limit_is_accepted_from_its_header_alone():
    checked = checked_upload(SimpleUploadedFile("bild.png", png_header(6000, 4000)))
    assert checked.content_type == "image/png"


def test_an_image_with_a_broken_header_is_no_image():
    with translation.override("en"):
        assert refusal_of(PNG_BYTES[:20], name="bild.png") == str(FILE_TYPE)


def test_a_render_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(previews, "WALL_SECONDS", 0.001)
    assert render_first_page(red_square_pdf()) == previews.Rendered(None, Refusal.COSTLY)
    assert refusal_of(red_square_pdf()) == message(Refusal.COSTLY)


def test_a_render_that_runs_out_of_memory_is_stopped(monkeypatch):
    # Too little address space even to load PDFium: the child fails, the app does not.
    monkeypatch.setitem(previews.LIMITS, "memory_bytes", 16 * 1024 * 1024)
    assert render_first_page(red_square_pdf()) == previews.Rendered(None, Refusal.COSTLY)


@pytest.mark.django_db
def test_worker_makes_missing_previews_and_keeps_files_that_fail_without_one():
    slides = AttachmentFactory(file=ContentFile(red_square_pdf(), name="folien.pdf"))
    attack = AttachmentFactory(file=ContentFile(pdf_with_pages((0.01, 10)), name="duenn.pdf"))
    picture = AttachmentFactory(
        file=ContentFile(PNG_BYTES, name="bild.png"), content_type="image/png"
    )

    assert render_missing_previews() == 2
    slides.refresh_from_db()
    attack.refresh_from_db()
    assert image(stored_preview_png(slides)).width == 800
    assert slides.preview.name.startswith(f"previews/{slides.edition_id}/{slides.pk}-")
    assert not attack.preview and attack.preview_source == attack.file.name
    assert stored_preview_png(attack) is None
    assert Attachment.objects.get(pk=picture.pk).preview_source == ""
    assert render_missing_previews() == 0  # nothing is tried twice


@pytest.mark.django_db
def test_a_replaced_file_gets_a_new_preview_and_the_old_one_goes(
    django_capture_on_commit_callbacks,
):
    slides = AttachmentFactory(file=ContentFile(pdf_with_pages((200, 100)), name="alt.pdf"))
    render_missing_previews()
    slides.refresh_from_db()
    old = slides.preview.name
    slides.file.save("neu.pdf", ContentFile(red_square_pdf()))

    with django_capture_on_commit_callbacks(execute=True):
        assert render_missing_previews() == 1
    slides.refresh_from_db()
    assert slides.preview.name != old
    assert not slides.preview.storage.exists(old)
    assert image(stored_preview_png(slides)).getpixel((300, 200)) == (255, 0, 0)


@pytest.mark.django_db
def test_a_preview_of_a_file_replaced_meanwhile_is_not_kept():
    slides = AttachmentFactory(file=ContentFile(red_square_pdf(), name="alt.pdf"))
    stale = Attachment.objects.get(pk=slides.pk)
    slides.file.save("neu.pdf", ContentFile(red_square_pdf()))

    store_preview(attachment=stale, png=render_first_page(red_square_pdf()).png)

    slides.refresh_from_db()
    assert not slides.preview and slides.preview_source == ""
    assert not list(slides.file.storage.listdir(f"previews/{slides.edition_id}")[1])


@pytest.mark.django_db
def test_a_missing_file_is_kept_without_a_preview():
    slides = AttachmentFactory()
    slides.file.storage.delete(slides.file.name)
    assert render_missing_previews() == 1
    slides.refresh_from_db()
    assert not slides.preview and slides.preview_source == slides.file.name


def test_the_worker_runs_the_preview_job():
    jobs = {job.name: job for job in scheduled_jobs()}
    assert jobs["render_previews"].func is render_missing_previews
