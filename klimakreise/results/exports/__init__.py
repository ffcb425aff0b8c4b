"""Export formats of the results. Each renderer takes the Results of data.gather_results and
returns bytes; the download views and the `export` command both look them up here."""

import importlib
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimakreise.results.exports.safety import with_safe_links


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str | Promise
    module: str  # klimakreise.results.exports.<module>.render(results) -> bytes
    content_type: str
    extension: str

    def render(self, results) -> bytes:
        # Imported on use: WeasyPrint alone takes half a second to import.
        module = importlib.import_module(f"{__name__}.{self.module}")
        return module.render(with_safe_links(results))

    def filename(self, edition) -> str:
        return f"{edition.slug}-results.{self.extension}"


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("pdf", _("PDF report"), "pdf", "application/pdf", "pdf"),
        ExportFormat("html", _("HTML file"), "html", "text/html; charset=utf-8", "html"),
        ExportFormat("markdown", _("Markdown"), "markdown", "text/markdown; charset=utf-8", "md"),
        ExportFormat(
            "wordpress", _("WordPress blocks"), "wordpress", "text/html; charset=utf-8", "wp.html"
        ),
    )
}
