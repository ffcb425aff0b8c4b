"""The registration list with filters, counts and the demand per topic; exports."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from klimakreise.editions.access import organizer_view
from klimakreise.registrations import exports
from klimakreise.registrations.organizer.forms import RegistrationFilterForm
from klimakreise.registrations.organizer.views.queries import (
    registrations_with_wishes,
    status_counts,
    topic_demand,
)


def filtered_registrations(request, edition):
    """(filter form, filtered registrations with wishes) from the query string."""
    form = RegistrationFilterForm(request.GET, edition=edition)
    return form, form.filter(registrations_with_wishes(edition))


@organizer_view
def registration_list(request, scope):
    edition = scope.edition
    form, registrations = filtered_registrations(request, edition)
    rows = list(registrations)
    context = {
        "edition": edition,
        "filter_form": form,
        "registrations": rows,
        "status_counts": status_counts(edition),
        "demand": topic_demand(edition, registrations),
        "query": request.GET.urlencode(),
    }
    return render(request, "registrations/organizer/list.html", context)


def _download(content: bytes, *, edition, extension: str, content_type: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(content, content_type=content_type)
    filename = f"{edition.slug}-registrations-{stamp}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: keep it out of caches
    return response


@organizer_view
def export_csv(request, scope):
    edition = scope.edition
    _form, registrations = filtered_registrations(request, edition)
    return _download(
        exports.registrations_csv(edition, registrations),
        edition=edition,
        extension="csv",
        content_type="text/csv; charset=utf-8",
    )


@organizer_view
def export_xlsx(request, scope):
    edition = scope.edition
    _form, registrations = filtered_registrations(request, edition)
    return _download(
        exports.registrations_xlsx(edition, registrations),
        edition=edition,
        extension="xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
