"""Import registrations: upload → map columns → report on every row → import (all or valid)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimakreise.editions.access import organizer_view
from klimakreise.registrations.imports.columns import guess_mapping, import_fields
from klimakreise.registrations.imports.files import ImportFileError, parse_upload
from klimakreise.registrations.imports.rows import validate_rows
from klimakreise.registrations.imports.stash import (
    create_stash,
    discard_stash,
    load_stash,
    save_stash,
)
from klimakreise.registrations.organizer.forms import ColumnMappingForm, ImportUploadForm
from klimakreise.registrations.organizer.services import (
    DuplicateRegistration,
    import_registrations,
)

IMPORT_ALL = "all"
IMPORT_VALID = "valid"


@organizer_view
def upload(request, scope):
    edition = scope.edition
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            parsed = parse_upload(upload_file, encoding=form.cleaned_data["encoding"])
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            token = create_stash(
                edition=edition,
                user=request.user,
                filename=upload_file.name,
                headers=parsed.headers,
                rows=parsed.rows,
            )
            return redirect(
                "registrations_organizer:import_columns", slug=edition.slug, token=token
            )
    return render(
        request, "registrations/organizer/import_upload.html", {"edition": edition, "form": form}
    )


def _stash_or_404(request, edition, token) -> dict:
    stash = load_stash(token, edition=edition, user=request.user)
    if stash is None:
        raise Http404
    return stash


def _fields(edition):
    topics = len(edition.topics.all())
    return import_fields(edition, rank_count=min(edition.preference_ranks, topics))


@organizer_view
def map_columns(request, scope, token):
    edition = scope.edition
    stash = _stash_or_404(request, edition, token)
    fields = _fields(edition)
    guesses = stash["mapping"] or guess_mapping(stash["headers"], fields)
    form = ColumnMappingForm(
        request.POST or None, headers=stash["headers"], fields=fields, guesses=guesses
    )
    if stash["options"] and request.method == "GET":
        form.initial["emails"] = stash["options"].get("emails")
    if request.method == "POST" and form.is_valid():
        stash["mapping"] = form.mapping()
        stash["options"] = {"emails": form.cleaned_data["emails"]}
        save_stash(token, stash)
        return redirect("registrations_organizer:import_report", slug=edition.slug, token=token)
    context = {
        "edition": edition,
        "form": form,
        "stash": stash,
        "token": token,
        "sample": [cells for _number, cells in stash["rows"][:3]],
    }
    return render(request, "registrations/organizer/import_columns.html", context)


@organizer_view
def report(request, scope, token):
    edition = scope.edition
    stash = _stash_or_404(request, edition, token)
    if not stash["mapping"]:
        return redirect("registrations_organizer:import_columns", slug=edition.slug, token=token)
    error = None
    if request.method == "POST":
        choice = request.POST.get("action")
        try:
            with transaction.atomic():  # validation and import see the same registrations
                results = validate_rows(
                    edition=edition, rows=stash["rows"], mapping=stash["mapping"]
                )
                error = _refusal(results, choice)
                if error is None:
                    imported = import_registrations(
                        edition=edition,
                        rows=[result.data for result in results if result.is_valid],
                        emails=stash["options"].get("emails", "none"),
                    )
        except DuplicateRegistration as duplicate:
            error = _(
                "%(email)s registered while you were importing. Nothing was imported; "
                "please look at the report again."
            ) % {"email": duplicate.email}
        if error is None:
            discard_stash(token)
            messages.success(
                request,
                ngettext(
                    "%(count)d registration was imported.",
                    "%(count)d registrations were imported.",
                    len(imported),
                )
                % {"count": len(imported)},
            )
            return redirect("registrations_organizer:list", slug=edition.slug)
    results = validate_rows(edition=edition, rows=stash["rows"], mapping=stash["mapping"])
    context = {
        "edition": edition,
        "stash": stash,
        "token": token,
        "error": error,
        "bad_rows": [result for result in results if not result.is_valid],
        "valid_count": sum(result.is_valid for result in results),
        "total": len(results),
    }
    return render(request, "registrations/organizer/import_report.html", context)


def _refusal(results, choice) -> str | None:
    """Why this import may not run, or None."""
    valid = sum(result.is_valid for result in results)
    if choice not in (IMPORT_ALL, IMPORT_VALID):
        return _("Please choose what to import.")
    if valid == 0:
        return _("No row is valid; nothing was imported.")
    if choice == IMPORT_ALL and valid < len(results):
        return _("Some rows are not valid, so nothing was imported.")
    return None
