"""The standalone HTML document shared by the HTML and PDF exports."""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from klimakreise.results.exports.files import embedded


@cache
def _stylesheet(name: str) -> str:
    return Path(finders.find(name)).read_text(encoding="utf-8")


def render_document(results, *, mode: str) -> str:
    context = {
        "results": results.with_files(embedded),
        "mode": mode,
        "styles": _stylesheet("klimakreise/site.css") + _stylesheet("results/results.css"),
        "exported_at": timezone.now(),
    }
    return render_to_string("results/export/document.html", context)
