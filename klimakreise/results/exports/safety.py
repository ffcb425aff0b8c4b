"""User text made safe for the exports that are pasted elsewhere (Markdown, WordPress).

Exported files end up in wikis, pads and CMS pages that render Markdown with raw HTML allowed,
so nothing people typed may become markup there: plain fields (card texts, names, titles) are
escaped completely; Markdown fields (notes, intro, outlook) keep their formatting, but lose raw
HTML, images (they would load from anywhere when the page is opened) and links whose scheme is
not http, https or mailto.
"""

import re
from dataclasses import replace

from klimakreise.results.exports.text import one_line

SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Characters that start Markdown inline markup anywhere in a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]!|~])")
# Markup that only counts at the start of a line: headings and list items.
_LINE_START = re.compile(r"^([#+-])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
# An HTML entity (&#58; &colon;): it could spell a scheme or a tag once the Markdown is rendered.
_ENTITY = re.compile(r"&(?=#|[A-Za-z0-9]+;)")
_HEADING = re.compile(r"^#{1,6}(?=\s)", re.MULTILINE)
_IMAGE = re.compile(r"!\[")
# The start of a link destination: inline `](dest` and reference definitions `[ref]: dest`.
_INLINE_DESTINATION = re.compile(r"(\]\(\s*)(?=\S)")
# Definitions are matched anywhere, not only at a line's start: inside a quote or a list item, or
# after a tab, renderers read them as well; a safe destination is left as it is.
_REFERENCE_DESTINATION = re.compile(r"(\[[^\[\]]*\]:[ \t]*\n?[ \t]*<?)(?=\S)")


def is_safe_url(url: str) -> bool:
    """http, https, mailto, or a relative address on the same site (no scheme, no entity)."""
    url = url.strip()
    if url.lower().startswith(SAFE_SCHEMES):
        return "&#" not in url
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in head and "&" not in head and not any(ord(c) < 32 for c in head)


def safe_url(url: str) -> str:
    """The address, or "" if it is not safe to link to."""
    return url.strip() if is_safe_url(url) else ""


def markdown_url(url: str) -> str:
    """A safe address written as a Markdown link destination ("#" if it is not safe)."""
    url = safe_url(url) or "#"
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def markdown_plain(text: str) -> str:
    """Text as inline Markdown that shows exactly this text: one line, no markup, no HTML."""
    text = one_line(text)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", text)


def markdown_block(markdown: str) -> str:
    """Markdown written by people, kept as Markdown, made harmless.

    No raw HTML (and no autolinks, which start with "<"), headings below the circle's (####),
    images turned into text, and unsafe link destinations turned into fragments ("#javascript:…"
    links nowhere).
    """
    text = _ENTITY.sub("&amp;", markdown).replace("<", "&lt;")
    text = _HEADING.sub("####", text)
    text = _IMAGE.sub(r"!\\[", text).replace("{", "\\{")  # {…} would be attr_list attributes
    text = _INLINE_DESTINATION.sub(_defused_destination, text)
    text = _REFERENCE_DESTINATION.sub(_defused_destination, text)
    return text.strip()


def _defused_destination(match: re.Match) -> str:
    rest = match.string[match.end() :]
    destination = re.match(r"[^\s)]*", rest).group(0)
    return match.group(1) if is_safe_url(destination) else match.group(1) + "#"


def with_safe_links(results):
    """A copy of the results whose partner websites are safe to link to ("" if not)."""
    partners = [replace(p, website=safe_url(p.website)) for p in results.partners]
    return replace(results, partners=partners)
