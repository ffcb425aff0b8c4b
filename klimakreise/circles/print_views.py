"""Organizer pages to print: the circles (all, or one), the attendance list and name badges.

Each answers with a PDF (WeasyPrint, as the results export does) or, with `?format=html`, with
the same content as a web page, to check it before printing. Access is checked first through
the one organizer check (klimakreise.editions.access).
"""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from klimakreise.circles.printables import (
    attendance_by_circle,
    attendees,
    badge_pages,
    printed_circles,
)
from klimakreise.editions.access import organizer_view

STYLESHEET = "circles/print.css"


@cache
def _stylesheet() -> str:
    return Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")


def _printed(request, scope, *, kind: str, title: str, filename: str = "", **context):
    """The PDF, or the web page with the same body when `?format=html` is asked."""
    context = {
        "scope": scope,
        "edition": scope.edition,
        "kind": kind,
        "body": f"circles/print/_{kind}.html",
        "title": title,
        **context,
    }
    if request.GET.get("format") == "html":
        return render(request, "circles/print/page.html", context)
    document = render_to_string("circles/print/document.html", context, request=request)
    pdf = HTML(string=document).write_pdf(stylesheets=[CSS(string=_stylesheet())])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{scope.edition.slug}-{filename or kind}.pdf"'
    )
    return response


@organizer_view
def circles(request, scope):
    return _printed(
        request,
        scope,
        kind="circles",
        title=_("Circles"),
        circles=printed_circles(scope.edition),
    )


@organizer_view
def circle(request, scope, pk):
    printed = printed_circles(scope.edition, pk=pk)
    if not printed:
        raise Http404
    return _printed(
        request,
        scope,
        kind="circles",
        title=printed[0].circle.name,
        filename=f"circle-{pk}",
        circles=printed,
    )


@organizer_view
def attendance(request, scope):
    people = list(attendees(scope.edition))
    by_circle = request.GET.get("group") == "circle"
    return _printed(
        request,
        scope,
        kind="attendance",
        title=_("Attendance list"),
        groups=attendance_by_circle(people) if by_circle else [("", people)],
        by_circle=by_circle,
    )


@organizer_view
def badges(request, scope):
    return _printed(
        request,
        scope,
        kind="badges",
        title=_("Name badges"),
        pages=badge_pages(scope.edition),
    )
