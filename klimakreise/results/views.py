from copy import copy

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimakreise.core.cache import cached_public_page
from klimakreise.editions.access import is_organizer, organizer_view
from klimakreise.editions.models import Edition
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.forms import DocumentationForm
from klimakreise.results.publication import (
    StaleDocumentation,
    documentation_for,
    publish_results,
    unpublish_results,
    update_documentation,
)
from klimakreise.results.queries import edition_with_results, results_queryset


def _readable_edition(request, slug) -> Edition:
    """The edition whose results this request may read: published ones, drafts for organizers."""
    edition = edition_with_results.first_or_404(slug=slug)
    if not edition.results_are_published and not is_organizer(request.user, edition.series):
        raise Http404
    return edition


@cached_public_page
def results_page(request, slug):
    edition = _readable_edition(request, slug)
    context = {
        "results": gather_results(edition),
        "edition": edition,
        "export_links": _export_links(edition),
    }
    return render(request, "results/page.html", context)


def _export_links(edition) -> list[tuple[str, str]]:
    """(label, URL) of each download, for results/_exports.html."""
    return [
        (fmt.label, reverse("results:export", kwargs={"slug": edition.slug, "fmt": name}))
        for name, fmt in FORMATS.items()
    ]


@cached_public_page
def export_download(request, slug, fmt):
    exporter = FORMATS.get(fmt)
    if exporter is None:
        raise Http404
    edition = _readable_edition(request, slug)
    response = HttpResponse(exporter.render(gather_results(edition)), exporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename(edition)}"'
    return response


def _with_results(scope) -> Edition:
    """The checked edition again, with what the results read (documentation, series)."""
    return results_queryset().get(pk=scope.edition.pk)


@organizer_view
def review(request, scope):
    edition = _with_results(scope)
    documentation = documentation_for(edition)
    # The form works on a copy, so the preview below never shows unsaved input.
    form = DocumentationForm(request.POST or None, instance=copy(documentation))
    newer = None
    if request.method == "POST" and form.is_valid():
        try:
            update_documentation(
                documentation=documentation,
                version=form.cleaned_data["version"],
                participant_count=form.cleaned_data["participant_count"],
                results_intro=form.cleaned_data["results_intro"],
                outlook=form.cleaned_data["outlook"],
                next_date=form.cleaned_data["next_date"],
            )
        except StaleDocumentation as stale:
            newer = stale.current
            form = _stale_form(request.POST, newer)
        else:
            messages.success(request, _("The documentation was saved."))
            return redirect("results:review", slug=edition.slug)
        edition = _with_results(scope)
    context = {
        "edition": edition,
        "form": form,
        "newer": newer,
        "results": gather_results(edition),
        "export_links": _export_links(edition),
    }
    return render(request, "results/review.html", context)


def _stale_form(data, newer) -> DocumentationForm:
    """Keep the organizer's input, but based on the newer version so a second save is a choice."""
    data = data.copy()
    data["version"] = str(newer.version)
    form = DocumentationForm(data, instance=copy(newer))
    form.is_valid()
    form.add_error(
        None,
        _(
            "Someone else saved this documentation in the meantime. Their version is shown "
            "below; save again to replace it with your input."
        ),
    )
    return form


@organizer_view
@require_POST
def publish(request, scope):
    edition = scope.edition
    publish_results(edition=edition)
    messages.success(request, _("The results are published."))
    return redirect("results:review", slug=edition.slug)


@organizer_view
@require_POST
def unpublish(request, scope):
    edition = scope.edition
    unpublish_results(edition=edition)
    messages.success(request, _("The results are no longer public."))
    return redirect("results:review", slug=edition.slug)
