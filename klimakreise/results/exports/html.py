"""One self-contained HTML file for archiving: styles inline, slide previews embedded."""

from klimakreise.results.exports.document import render_document


def render(results) -> bytes:
    return render_document(results, mode="html").encode("utf-8")
