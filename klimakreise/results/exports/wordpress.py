"""An HTML fragment of core Gutenberg blocks to paste into a WordPress page (code editor).

Every circle becomes a core/details block; inside are core/heading, core/list and core/paragraph
blocks (notes, already sanitized HTML, go into one core/html block).
"""

import json

from django.template.defaultfilters import date as format_date
from django.utils.html import escape as html_escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimakreise.core.markdown import render_markdown
from klimakreise.results.exports.files import linked
from klimakreise.results.exports.text import (
    clock,
    one_line,
    review_step_details,
    step_columns,
    step_details,
)


def no_shortcodes(html: str) -> str:
    """WordPress runs shortcodes ([embed], [audio src=…]) found in page content: user text must
    not make one, so square brackets become entities (they still read as brackets)."""
    return html.replace("[", "&#91;").replace("]", "&#93;")


def escape(text) -> str:
    return no_shortcodes(html_escape(text))


def markdown_html(text: str) -> str:
    return no_shortcodes(render_markdown(text))


def block(name: str, html: str, attrs: dict | None = None) -> str:
    opener = f"wp:{name} {json.dumps(attrs, ensure_ascii=False)}" if attrs else f"wp:{name}"
    return f"<!-- {opener} -->\n{html}\n<!-- /wp:{name} -->"


def heading(text: str, level: int = 2) -> str:
    attrs = None if level == 2 else {"level": level}
    return block("heading", f'<h{level} class="wp-block-heading">{escape(text)}</h{level}>', attrs)


def paragraph(html: str) -> str:
    return block("paragraph", f"<p>{html}</p>")


def bullet_list(items_html: list[str]) -> str:
    items = "".join(block("list-item", f"<li>{item}</li>") for item in items_html)
    return block("list", f'<ul class="wp-block-list">{items}</ul>')


def details(summary: str, inner: list[str]) -> str:
    body = "\n".join(inner)
    html = f'<details class="wp-block-details"><summary>{escape(summary)}</summary>{body}</details>'
    return block("details", html)


def link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def render(results) -> bytes:
    results = results.with_files(linked)
    edition = results.edition
    count = results.participant_count
    blocks = [
        paragraph(
            escape(format_date(edition.start, "DATE_FORMAT"))
            + " · "
            + escape(ngettext("%(count)d participant", "%(count)d participants", count))
            % {"count": count}
        )
    ]
    if results.intro:
        blocks.append(block("html", markdown_html(results.intro)))
    if results.agenda:
        blocks += [heading(_("Agenda")), bullet_list([_agenda_item(i) for i in results.agenda])]
    blocks += [heading(_("Results of the circles"))]
    blocks += [_circle(circle) for circle in results.circles]
    if results.review:
        blocks += _review(results.review)
    if results.partners:
        partners = bullet_list([no_shortcodes(p.credit) for p in results.partners])
        blocks += [heading(_("Partners and thanks")), partners]
    if results.outlook or results.next_date:
        blocks.append(heading(_("Outlook")))
        if results.outlook:
            blocks.append(block("html", markdown_html(results.outlook)))
        if results.next_date:
            when = format_date(results.next_date, "DATE_FORMAT")
            blocks.append(paragraph(f"<strong>{escape(_('Next date:'))}</strong> {escape(when)}"))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _agenda_item(item) -> str:
    text = f"{clock(item.start)} <strong>{escape(item.title)}</strong>"
    if item.speaker:
        text += f" – {escape(item.speaker)}"
    return text + "".join(f" · {link(f.url, f.title)}" for f in item.files)


def _circle(circle) -> str:
    inner = []
    if circle.input_title:
        speaker = f" – {circle.input_speaker}" if circle.input_speaker else ""
        label = escape(_("Expert input:"))
        inner.append(paragraph(f"<strong>{label}</strong> {escape(circle.input_title + speaker)}"))
    if circle.ideas:
        inner += [heading(_("Ideas"), 3), bullet_list([_idea(i) for i in circle.ideas])]
    for title, steps in step_columns(circle):
        if steps:
            inner += [heading(title, 3), bullet_list([_step(s) for s in steps])]
    if circle.notes:
        inner += [heading(_("Notes"), 3), block("html", markdown_html(circle.notes))]
    if circle.files:
        inner += [
            heading(_("Slides and documents"), 3),
            bullet_list([link(f.url, f.title) for f in circle.files]),
        ]
    return details(circle.name, inner)


def _idea(idea) -> str:
    dots = f" ({idea.dots})" if idea.dots is not None else ""
    return escape(one_line(idea.text)) + dots


def _step(step) -> str:
    return f"{escape(one_line(step.text))} <em>({escape(', '.join(step_details(step)))})</em>"


def _review(review) -> list[str]:
    blocks = [heading(review.heading)]
    for circle in review.circles:
        items = [
            f"{escape(one_line(s.text))} <em>({escape(', '.join(review_step_details(s)))})</em>"
            for s in circle.steps
        ]
        blocks += [heading(circle.name, 3), bullet_list(items)]
    if not review.steps:
        blocks.append(paragraph(escape(_("None recorded."))))
    return blocks
