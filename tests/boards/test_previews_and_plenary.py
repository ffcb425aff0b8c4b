"""Slide previews served from the stored file (made by the worker here), and the plenary view."""

import pytest
from django.core.files.base import ContentFile

from klimakreise.editions.models import Attachment, Edition
from klimakreise.editions.previews import render_missing_previews, stored_preview_png
from klimakreise.results.publication import publish_results
from tests.boards.factories import CardFactory
from tests.editions.pdfs import red_square_pdf


def _attach(content: bytes, *, edition, title="Folien", circle=None) -> Attachment:
    attachment = Attachment(edition=edition, circle=circle, title=title)
    attachment.content_type = "application/pdf"
    attachment.file.save("folien.pdf", ContentFile(content), save=False)
    attachment.size = attachment.file.size
    attachment.save()
    return attachment


@pytest.fixture
def slides(circle):
    """Slides on the circle, with the preview the worker makes."""
    attachment = _attach(red_square_pdf(), edition=circle.edition, circle=circle)
    render_missing_previews()
    attachment.refresh_from_db()
    return attachment


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
    invitation = _attach(red_square_pdf(), edition=circle.edition, title="Einladung")
    render_missing_previews()
    url = f"/files/{invitation.pk}/preview.png"
    assert persona("anonymous").get(url).status_code == 200
    Edition.objects.filter(pk=circle.edition_id).update(status=Edition.Status.DRAFT)
    assert persona("anonymous").get(url).status_code == 404
    assert persona("organizer").get(url).status_code == 200


def test_broken_pdf_has_no_preview(persona, circle):
    attachment = _attach(b"%PDF-1.4 kaputt", edition=circle.edition, title="Kaputt", circle=circle)
    render_missing_previews()
    attachment.refresh_from_db()
    assert stored_preview_png(attachment) is None
    member = persona("member")
    assert member.get(attachment.get_absolute_url()).status_code == 200
    assert member.get(f"/files/{attachment.pk}/preview.png").status_code == 404
    page = persona("member").get(f"/circles/{circle.pk}/").content.decode()
    assert "Kaputt" in page and f"/files/{attachment.pk}/preview.png" not in page


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
