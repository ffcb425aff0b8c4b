"""The funder report of an edition and of a series: page, PDF and XLSX (organizers only).

`?format=pdf` or `?format=xlsx` downloads the same report; any other format is refused with a
400 that names the allowed ones. Access is checked first by the one organizer check.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from klimakreise.editions.access import organizer_view
from klimakreise.reports.data import gather_edition_report, gather_series_report
from klimakreise.reports.exports import report_pdf, report_xlsx
from klimakreise.reports.sections import edition_sections, series_sections

FORMATS = ("html", "pdf", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@organizer_view
def edition_report(request, scope):
    edition = scope.edition
    report = gather_edition_report(edition)
    context = {
        "scope": scope,
        "title": _("Funder report: %(title)s") % {"title": edition.title},
        "subtitle": edition.series.title,
        "sections": edition_sections(report),
        "filename": f"{edition.slug}-report",
    }
    return _answer(request, context)


@organizer_view
def series_report(request, scope):
    series = scope.series
    report = gather_series_report(series)
    context = {
        "scope": scope,
        "title": _("Funder report: %(title)s") % {"title": series.title},
        "subtitle": _("All editions of the series"),
        "sections": series_sections(report),
        "filename": f"{series.slug}-report",
    }
    return _answer(request, context)


def _answer(request, context):
    fmt = request.GET.get("format", "html")
    if fmt not in FORMATS:
        message = _("Unknown format “%(format)s”: choose pdf or xlsx.") % {"format": fmt[:20]}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    context["created_at"] = timezone.now()
    if fmt == "pdf":
        return _download(report_pdf(context), "application/pdf", f"{context['filename']}.pdf")
    if fmt == "xlsx":
        return _download(report_xlsx(context["sections"]), XLSX, f"{context['filename']}.xlsx")
    return render(request, "reports/page.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
