"""A printable report (WeasyPrint): cover page, agenda, one section per circle with previews."""

from weasyprint import HTML

from klimakreise.results.exports.document import render_document


def render(results) -> bytes:
    return HTML(string=render_document(results, mode="pdf")).write_pdf()
