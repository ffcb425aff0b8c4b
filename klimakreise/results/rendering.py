"""The results as HTML: the one partial shared by the public page, the review preview and the
HTML and PDF exports. It is a Jinja2 template (core.jinja explains why)."""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from klimakreise.core.jinja import LOCAL_FORMATS, LocalFormats
from klimakreise.results.data import Results

MODES = ("page", "html", "pdf")


def render_results(results: Results, *, mode: str) -> SafeString:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}, expected one of {MODES}")
    template = engines["jinja2"].get_template("results/_results.html")
    context = {
        "results": results,
        "mode": mode,
        "participants": _participants,
        "dots": _dots,
        "fits_a_page": fits_a_page,
        LOCAL_FORMATS: LocalFormats.current(),
    }
    return mark_safe(template.render(context))  # noqa: S308 (Jinja2 escaped every value)


# Plurals are formatted here: makemessages reads ngettext in Python, not in Jinja2 templates.
def _participants(count: int) -> str:
    return ngettext("%(counter)s participant", "%(counter)s participants", count) % {
        "counter": count
    }


def _dots(count: int) -> str:
    return ngettext("%(counter)s dot", "%(counter)s dots", count) % {"counter": count}


# The PDF keeps a circle on one page only when it fits there: WeasyPrint moves a box that must not
# be split to the next page even when it is longer than a page, and the rest of such a circle
# would then leave a nearly empty page behind. So the size of a circle is estimated in lines of
# body text (an A4 page holds about 46), generously, as a circle judged too long only flows.
PAGE_LINES = 40
_CHARS_PER_LINE = 95  # a full-width line of body text
_CHARS_PER_CELL_LINE = 28  # the "What" column of the steps tables
_PREVIEW_LINES = 10  # a slide preview 75 mm wide with its caption


def fits_a_page(circle) -> bool:
    """Whether the circle, printed, surely fits on one page (see PAGE_LINES)."""
    return _estimated_lines(circle) <= PAGE_LINES


def _text_lines(text: str, per_line: int = _CHARS_PER_LINE) -> int:
    return sum(1 + len(part) // per_line for part in text.splitlines() if part.strip())


def _estimated_lines(circle) -> int:
    lines = 4 + _text_lines(circle.description) + 2  # heading, description, input, moderation
    lines += 3 + sum(_text_lines(idea.text) for idea in circle.ideas)
    for steps in (circle.next_steps, circle.responsibilities):
        lines += 4 + sum(max(2, _text_lines(s.text, _CHARS_PER_CELL_LINE)) for s in steps)
    if circle.notes:
        lines += 3 + 2 * _text_lines(circle.notes)  # paragraphs have space between them
    if circle.files:
        lines += 3 + sum(_PREVIEW_LINES if f.preview_url else 1 for f in circle.files)
    return lines + 1 + len(", ".join(circle.members)) // _CHARS_PER_LINE
