import io
from html.parser import HTMLParser

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.queries import results_queryset
from tests.results.blocks import parse_blocks, walk

pytestmark = pytest.mark.django_db


def export(edition, fmt) -> bytes:
    return FORMATS[fmt].render(gather_results(results_queryset().get(pk=edition.pk)))


def circle_names(edition) -> list[str]:
    return [c.name for c in edition.circles.select_related("topic")]


def test_pdf_report_has_a_cover_and_one_section_per_circle_with_previews(results_edition):
    pdf = pdfium.PdfDocument(export(results_edition, "pdf"))
    pages = [pdf[i] for i in range(len(pdf))]
    texts = [page.get_textpage().get_text_range() for page in pages]
    assert results_edition.title in texts[0]
    lines = [line.strip() for text in texts[1:] for line in text.splitlines()]
    for name in circle_names(results_edition):
        assert lines.count(name) == 1, f"{name} does not head exactly one section"
    images = [list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE])) for page in pages]
    slides = results_edition.attachments.count()  # the talk's and one per circle
    assert sum(len(found) for found in images) == slides


def test_markdown_has_one_heading_per_circle(results_edition):
    lines = export(results_edition, "markdown").decode().splitlines()
    headings = [line[3:] for line in lines if line.startswith("## ")]
    for name in circle_names(results_edition):
        assert headings.count(name) == 1
    assert any(line.startswith("- ") and "Radentscheid-Initiative" in line for line in lines)


def test_markdown_keeps_notes_below_the_circle_heading_and_without_raw_html(results_edition):
    circle = results_edition.circles.first()
    circle.notes.text = "## Eigene Überschrift\n\n<script>x()</script>"
    circle.notes.save()
    text = export(results_edition, "markdown").decode()
    assert "\n## Eigene Überschrift" not in text
    assert "#### Eigene Überschrift" in text
    assert "<script>" not in text


def test_text_exports_show_agenda_times_in_local_time(results_edition):
    talk = results_edition.agenda_items.get(kind="talk")
    clock = f"{timezone.localtime(talk.start):%H:%M}"
    assert f"- {clock} **{talk.title}**" in export(results_edition, "markdown").decode()
    assert f"{clock} <strong>{talk.title}</strong>" in export(results_edition, "wordpress").decode()


CORE_BLOCKS = {"details", "heading", "list", "list-item", "paragraph", "html"}


def test_wordpress_fragment_is_valid_blocks_with_one_details_block_per_circle(results_edition):
    circle = results_edition.circles.first()
    circle.cards.create(column="ideas", text="<!-- /wp:details --> --> & <b>")
    blocks = parse_blocks(export(results_edition, "wordpress").decode())
    assert {block.name for block in walk(blocks)} <= CORE_BLOCKS
    details = [block for block in blocks if block.name == "details"]
    assert len(details) == 3
    for block, name in zip(details, circle_names(results_edition), strict=True):
        assert f"<summary>{name}</summary>" in block.html
        inner = {child.name for child in block.children}
        assert {"heading", "list", "paragraph"} <= inner
        headings = [child for child in block.children if child.name == "heading"]
        assert all(h.attrs == {"level": 3} for h in headings)


class Resources(HTMLParser):
    """Collects every address the document would load (not links to follow)."""

    def __init__(self):
        super().__init__()
        self.loaded = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"img", "script", "iframe", "source", "video", "audio"} and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link":
            self.loaded.append(attrs.get("href", ""))


def test_html_export_is_self_contained(results_edition):
    html = export(results_edition, "html").decode()
    parser = Resources()
    parser.feed(html)
    assert parser.loaded, "the slide previews should be embedded"
    assert all(src.startswith("data:image/") for src in parser.loaded)
    assert "url(http" not in html and "@import" not in html
    assert "<style>" in html
    assert html.count('<details class="section circle"') == 3


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_download_buttons_serve_published_results(client, published, fmt):
    url = reverse("results:export", kwargs={"slug": published.slug, "fmt": fmt})
    assert (
        url in client.get(reverse("results:page", kwargs={"slug": published.slug})).content.decode()
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].content_type
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_unpublished_results_are_not_exported_for_the_public(
    client_for, results_edition, organizer, fmt
):
    url = reverse("results:export", kwargs={"slug": results_edition.slug, "fmt": fmt})
    assert client_for(None).get(url).status_code == 404
    assert client_for(organizer).get(url).status_code == 200


def test_unknown_export_format_is_404(client, published):
    url = reverse("results:export", kwargs={"slug": published.slug, "fmt": "docx"})
    assert client.get(url).status_code == 404


def test_export_command_writes_the_file(results_edition, tmp_path):
    target = tmp_path / "report.md"
    call_command(
        "export",
        results_edition.slug,
        "--format",
        "markdown",
        "-o",
        str(target),
        stderr=io.StringIO(),
    )
    assert target.read_text().startswith("# ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gibt-es-nicht", "--format", "pdf"], "No edition"),
        (["{slug}", "--format", "docx"], "Unknown format"),
    ],
)
def test_export_command_fails_with_exit_code_2_and_one_line(
    results_edition, tmp_path, args, message
):
    args = [arg.format(slug=results_edition.slug) for arg in args]
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("export", *args, "-o", str(tmp_path / "out"), stderr=stderr)
    assert exited.value.code == 2
    assert message in stderr.getvalue()
    assert len(stderr.getvalue().strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
