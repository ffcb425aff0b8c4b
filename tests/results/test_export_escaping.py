"""Every piece of user text goes through every text export with hostile values and comes out as
text: no markup, no script, no javascript:/data: link, no image from elsewhere.

The Markdown export is rendered with python-markdown (raw HTML passes through it, as in many
wikis) before it is checked, so what a reader of the pasted Markdown would get is what counts.
"""

import re
from html.parser import HTMLParser

import markdown as markdown_lib
import pytest
from django.conf import settings

from klimakreise.editions.models import AgendaItem
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.publication import documentation_for
from klimakreise.results.queries import results_queryset
from tests.factories import AgendaItemFactory, CircleFactory, PartnerFactory, TopicFactory
from tests.results.factories import CardFactory, CircleNotesFactory, NextStepFactory, SlidesFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "javascript_link": "[x](javascript:alert(1))",
    "remote_image": "![x](https://evil.example/t.png)",
    "data_link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "entity_link": "[x](javascript&#58;alert(1))",
    "reference_link": "[x][r]\n\n[r]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "quoted_reference": "[x][r]\n\n> [r]: javascript:alert(1)",
    "listed_reference": "[x][r]\n\n- [r]: data:text/html,<script>alert(3)</script>",
    "tabbed_reference": "[x][r]\n\n[r]:\tjavascript:alert(2)",
    "shortcode": "[embed]https://evil.example/x.png[/embed] [audio src=https://evil.example/a.mp3]",
    "markdown_specials": "# *a* _b_ `c` **d** > e | f {: onclick=alert(1)} <!-- g -->",
    "attributes": 'x" onmouseover="alert(1)',
}

FIELDS = [
    "edition title",
    "series title",
    "results intro",
    "agenda title",
    "agenda speaker",
    "agenda file title",
    "circle name",
    "input title",
    "input speaker",
    "idea",
    "next step",
    "responsible",
    "notes",
    "circle file title",
    "partner name",
    "partner thanks",
    "outlook",
]
TEXT_FORMATS = ["html", "markdown", "wordpress"]
# The WordPress fragment goes into a page that has the edition's title already.
NOT_IN_FRAGMENT = {"edition title", "series title"}
SAFE_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "details",
    "summary", "figure", "figcaption", "img", "section", "header", "footer", "div", "span",
    "article", "nav", "small", "time", "html", "head", "body", "meta", "title", "style", "main",
    "dl", "dt", "dd", "aside", "caption", "abbr", "address",
}  # fmt: skip


def marker(field: str) -> str:
    return "M" + field.title().replace(" ", "")


def hostile_edition(edition, payload: str):
    """Every user-written field of the results holds "<its marker> <payload>"."""

    def value(field):
        return f"{marker(field)} {payload}"

    series = edition.series
    series.title = value("series title")
    series.save()
    edition.title = value("edition title")
    edition.save()
    talk = AgendaItemFactory(
        edition=edition,
        kind=AgendaItem.Kind.TALK,
        title=value("agenda title"),
        speaker=value("agenda speaker"),
    )
    SlidesFactory(agenda_item=talk, title=value("agenda file title"))
    topic = TopicFactory(
        edition=edition,
        title=value("circle name"),
        input_title=value("input title"),
        input_expert=value("input speaker"),
    )
    circle = CircleFactory(topic=topic)
    CardFactory(circle=circle, text=value("idea"))
    NextStepFactory(circle=circle, text=value("next step"), responsible=value("responsible"))
    CircleNotesFactory(circle=circle, text=value("notes"))
    SlidesFactory(circle=circle, title=value("circle file title"))
    partner = PartnerFactory(edition=edition, thanks=value("partner thanks"))
    partner.organization.name = value("partner name")
    partner.organization.website = "javascript:alert(1)"
    partner.organization.save()
    documentation = documentation_for(edition)
    documentation.results_intro = value("results intro")
    documentation.outlook = value("outlook")
    documentation.save()
    return results_queryset().get(pk=edition.pk)


class Markup(HTMLParser):
    """The tags and attributes of an HTML text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def as_html(fmt: str, output: bytes) -> str:
    text = output.decode()
    if fmt == "markdown":
        return markdown_lib.markdown(text, extensions=["extra", "sane_lists"])
    return text


def unsafe_markup(html: str) -> list[str]:
    parser = Markup()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.tags:
        if tag not in SAFE_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            link = "".join((value or "").split()).lower()
            if name.startswith("on"):
                problems.append(f"<{tag} {name}>")
            if name == "href" and link.startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"<{tag} href={value}>")
            if name == "src" and not link.startswith(("data:image/", settings.SITE_URL.lower())):
                problems.append(f"<{tag} src={value}>")
    return problems


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_field_of_every_text_export_stays_text(edition, fmt, payload):
    output = FORMATS[fmt].render(gather_results(hostile_edition(edition, payload)))
    html = as_html(fmt, output)
    assert unsafe_markup(html) == []
    for field in FIELDS:
        if fmt == "wordpress" and field in NOT_IN_FRAGMENT:
            continue
        assert marker(field) in html, f"{field} is missing from the {fmt} export"


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_markdown_export_holds_no_raw_html(edition, payload):
    text = FORMATS["markdown"].render(gather_results(hostile_edition(edition, payload))).decode()
    assert "<" not in text
    assert not re.search(r"(?<!\\)\]\(\s*javascript", text)
    assert "![" not in text


def test_plain_fields_read_in_markdown_as_typed(edition):
    typed = "# *a* _b_ `c` [d](e) <f> & &amp; 1. g"
    results = hostile_edition(edition, typed)
    text = as_html("markdown", FORMATS["markdown"].render(gather_results(results)))
    parser = Markup()
    parser.feed(text)
    assert f"{marker('idea')} {typed}" in "".join(parser.text)


def test_wordpress_export_makes_no_shortcode_from_user_text(edition):
    payload = HOSTILE["shortcode"]
    output = FORMATS["wordpress"].render(gather_results(hostile_edition(edition, payload)))
    text = output.decode()
    assert "[embed]" not in text and "[audio" not in text
    assert "&#91;embed&#93;" in text  # still shown, as text
