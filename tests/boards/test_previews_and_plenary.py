"""Slide previews rendered from a real PDF, and the plenary view."""

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from klimakreise.boards.previews import preview_path, preview_png
from klimakreise.editions.models import Attachment, Edition
from klimakreise.results.publication import publish_results
from tests.boards.factories import CardFactory


def _pdf_with_a_red_square() -> bytes:
    """A minimal one-page PDF, written by hand: a red square on a white A4-landscape page."""
    stream = b"1 0 0 rg 100 100 400 300 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture
def slides(circle):
    attachment = Attachment(edition=circle.edition, circle=circle, title="Folien")
    attachment.content_type = "application/pdf"
    attachment.file.save("folien.pdf", ContentFile(_pdf_with_a_red_square()), save=False)
    attachment.size = attachment.file.size
    attachment.save()
    return attachment


def test_preview_renders_the_first_page_and_is_cached_on_disk(slides, settings):
    png = preview_png(slides)
    image = Image.open(__import__("io").BytesIO(png)).convert("RGB")
    assert image.width == 800
    x, y = int(300 / 842 * 800), int((595 - 250) / 595 * image.height)
    assert image.getpixel((x, y)) == (255, 0, 0)
    assert image.getpixel((5, 5)) == (255, 255, 255)
    path = preview_path(slides)
    assert path.exists() and str(path).startswith(str(settings.MEDIA_ROOT / "previews"))
    assert path.name.startswith(f"{slides.pk}-")
    assert preview_png(slides) == png


@pytest.mark.parametrize(
    ("name", "before_publishing", "once_published"),
    [
        ("anonymous", 404, 200),
        ("stranger", 404, 200),
        ("other_member", 404, 200),
        ("member", 200, 200),
        ("staff", 200, 200),
        ("organizer", 200, 200),
    ],
)
@pytest.mark.parametrize("kind", ["download", "preview"])
def test_circle_slides_are_seen_like_the_workspace(
    persona, slides, name, before_publishing, once_published, kind
):
    url = f"/files/{slides.pk}/" + ("preview.png" if kind == "preview" else "")
    assert persona(name).get(url).status_code == before_publishing
    publish_results(edition=slides.edition)
    response = persona(name).get(url)
    assert response.status_code == once_published
    expected = "image/png" if kind == "preview" else "application/pdf"
    assert response["Content-Type"] == expected
    assert "private" in response["Cache-Control"]


def test_edition_files_follow_the_edition(client_for, persona, circle):
    invitation = Attachment(edition=circle.edition, title="Einladung")
    invitation.content_type = "application/pdf"
    invitation.file.save("einladung.pdf", ContentFile(_pdf_with_a_red_square()), save=False)
    invitation.save()
    url = f"/files/{invitation.pk}/preview.png"
    assert persona("anonymous").get(url).status_code == 200
    Edition.objects.filter(pk=circle.edition_id).update(status=Edition.Status.DRAFT)
    assert persona("anonymous").get(url).status_code == 404
    assert persona("organizer").get(url).status_code == 200


def test_broken_pdf_has_no_preview(client_for, circle):
    attachment = Attachment(edition=circle.edition, circle=circle, title="Kaputt")
    attachment.content_type = "application/pdf"
    attachment.file.save("kaputt.pdf", ContentFile(b"not a pdf"), save=False)
    attachment.save()
    assert preview_png(attachment) is None
    assert client_for(None).get(f"/files/{attachment.pk}/preview.png").status_code == 404


def test_workspace_lists_slides_with_preview(persona, circle, slides):
    page = persona("member").get(f"/circles/{circle.pk}/").content.decode()
    assert f"/files/{slides.pk}/preview.png" in page and "Folien" in page


def test_plenary_shows_next_steps_and_responsibilities_of_every_circle(persona, circle):
    CardFactory(circle=circle, column="next_steps", text="Radweg planen", responsible="ADFC")
    CardFactory(circle=circle, column="responsibilities", text="Koordination: Stadt")
    CardFactory(circle=circle, column="ideas", text="Nur eine Idee")
    page = persona("organizer").get(f"/e/{circle.edition.slug}/plenary/").content.decode()
    assert "Radweg planen" in page and "ADFC" in page and "Koordination: Stadt" in page
    assert "Nur eine Idee" not in page
    assert 'class="plenary-slide"' in page and "boards/plenary.js" in page


def test_plenary_queries_do_not_grow_with_circles(persona, circle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.boards.factories import make_circle

    client = persona("organizer")
    url = f"/e/{circle.edition.slug}/plenary/"
    CardFactory(circle=circle, column="next_steps")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(5):
        CardFactory(circle=make_circle(circle.edition), column="next_steps")
    with CaptureQueriesContext(connection) as six:
        page = client.get(url).content.decode()
    assert page.count('class="plenary-slide"') == circle.edition.circles.count()
    assert len(one) == len(six)
