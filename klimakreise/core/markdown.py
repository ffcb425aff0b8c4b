"""Markdown written by organizers and participants, rendered to HTML that is safe to show."""

import functools

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@functools.lru_cache(maxsize=2048)
def render_markdown(text: str) -> str:
    """Cached per text: building a Markdown converter with extensions costs more than the
    conversion, and the same intros and notes are rendered on every page view."""
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
