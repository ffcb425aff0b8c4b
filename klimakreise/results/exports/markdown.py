"""Markdown for wikis and pads: one level-2 heading per circle."""

from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimakreise.results.exports.files import linked
from klimakreise.results.exports.safety import markdown_block as block
from klimakreise.results.exports.safety import markdown_plain as plain
from klimakreise.results.exports.safety import markdown_url
from klimakreise.results.exports.text import (
    clock,
    review_step_details,
    step_columns,
    step_details,
)


def render(results) -> bytes:
    results = results.with_files(linked)
    edition = results.edition
    lines = [f"# {_('Results')}: {plain(edition.title)} ({plain(edition.series.title)})", ""]
    count = results.participant_count
    # Through plain(): a German date ("17. Mai 2022") would start a numbered list.
    lines += [
        plain(
            f"{format_date(edition.start, 'DATE_FORMAT')} · "
            + ngettext("%(count)d participant", "%(count)d participants", count) % {"count": count}
        ),
        "",
    ]
    if results.intro:
        lines += [block(results.intro), ""]
    lines += _agenda(results)
    for circle in results.circles:
        lines += _circle(circle)
    if results.review:
        lines += _review(results.review)
    if results.partners:
        lines += [f"## {_('Partners and thanks')}", ""]
        for p in results.partners:
            lines.append(f"- {p.credit_text(plain)}")
        lines.append("")
    outlook = block(results.outlook)
    if outlook or results.next_date:
        lines += [f"## {_('Outlook')}", ""]
        if outlook:
            lines += [outlook, ""]
        if results.next_date:
            lines += [f"**{_('Next date:')}** {format_date(results.next_date, 'DATE_FORMAT')}", ""]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _agenda(results) -> list[str]:
    if not results.agenda:
        return []
    lines = [f"## {_('Agenda')}", ""]
    for item in results.agenda:
        speaker = f" – {plain(item.speaker)}" if item.speaker else ""
        lines.append(f"- {clock(item.start)} **{plain(item.title)}**{speaker}")
        lines += [f"  - [{plain(f.title)}]({markdown_url(f.url)})" for f in item.files]
    return [*lines, ""]


def _circle(circle) -> list[str]:
    lines = [f"## {plain(circle.name)}", ""]
    if circle.input_title:
        speaker = f" – {plain(circle.input_speaker)}" if circle.input_speaker else ""
        lines += [f"{_('Expert input:')} {plain(circle.input_title)}{speaker}", ""]
    # A heading only above something: wikis show an empty section as a forgotten one.
    if circle.ideas:
        lines += [f"### {_('Ideas')}", ""]
        for idea in circle.ideas:
            dots = f" ({idea.dots})" if idea.dots is not None else ""
            lines.append(f"- {plain(idea.text)}{dots}")
        lines.append("")
    for title, steps in step_columns(circle):
        if steps:
            lines += [f"### {title}", ""]
            lines += [f"- {plain(s.text)} ({plain(', '.join(step_details(s)))})" for s in steps]
            lines.append("")
    if notes := block(circle.notes):
        lines += [f"### {_('Notes')}", "", notes, ""]
    if circle.files:
        lines += [f"### {_('Slides and documents')}", ""]
        lines += [f"- [{plain(f.title)}]({markdown_url(f.url)})" for f in circle.files]
        lines.append("")
    if len(lines) == 2:  # only the circle's heading
        lines += [f"_{_('None recorded.')}_", ""]
    return lines


def _review(review) -> list[str]:
    lines = [f"## {plain(review.heading)}", ""]
    for circle in review.circles:
        lines += [f"### {plain(circle.name)}", ""]
        lines += [
            f"- {plain(s.text)} ({plain(', '.join(review_step_details(s)))})" for s in circle.steps
        ]
        lines.append("")
    if not review.steps:
        lines += [f"_{_('None recorded.')}_", ""]
    return lines
