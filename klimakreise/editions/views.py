from collections import defaultdict

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from klimakreise.core.cache import cached_public_page
from klimakreise.editions.access import is_organizer
from klimakreise.editions.calendar import ICS_MIMETYPE, edition_ics, ics_filename
from klimakreise.editions.models import Attachment, Edition, Series
from klimakreise.editions.queries import edition_files_of, get_public_edition, public_program
from klimakreise.editions.signals import circle_file_requested, edition_page_rendering


@cached_public_page
def home(request):
    now = timezone.now()
    editions = Edition.objects.public().select_related("series").order_by("start")
    series_list = list(Series.objects.filter(editions__in=editions).distinct())
    by_series = {s.pk: {"series": s, "upcoming": [], "past": []} for s in series_list}
    for edition in editions:
        bucket = "upcoming" if edition.end >= now else "past"
        by_series[edition.series_id][bucket].append(edition)
    for entry in by_series.values():
        entry["past"].reverse()
    return render(request, "editions/home.html", {"series_entries": list(by_series.values())})


@cached_public_page
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    editions = series.editions.public().order_by("-start")
    return render(request, "editions/series.html", {"series": series, "editions": editions})


@cached_public_page
def edition_detail(request, slug):
    edition = get_public_edition(slug)
    program = public_program(edition)
    # Circle files belong to the results; the page shows the edition's and the agenda's files.
    by_item = defaultdict(list)
    for file in edition_files_of(edition_id=edition.pk):
        by_item[file.agenda_item_id].append(file)
    for item in program.agenda:
        item.files = by_item[item.pk]
    sections = edition_page_rendering.send(sender=Edition, request=request, edition=edition)
    context = {
        "edition": edition,
        "program": program,
        "edition_files": by_item[None],
        "sections": [html for _receiver, html in sections if html],
    }
    return render(request, "editions/edition.html", context)


def get_visible_attachment(request, pk) -> Attachment:
    """The attachment if this visitor may see it, else 404; downloads and slide previews ask here.

    Files of the edition and its agenda follow the edition: public, or its organizers. A circle's
    files belong to its workspace: the app that owns it answers `circle_file_requested`."""
    related = Attachment.objects.select_related("edition__series", "circle")
    attachment = get_object_or_404(related, pk=pk)
    edition = attachment.edition
    if attachment.circle is None:
        visible = edition.is_public or is_organizer(request.user, edition.series)
    else:
        attachment.circle.edition = edition  # the same row, already loaded
        visible = is_organizer(request.user, edition.series) or any(
            allowed
            for _receiver, allowed in circle_file_requested.send(
                sender=Edition, request=request, circle=attachment.circle
            )
        )
    if not visible:
        raise Http404
    return attachment


def attachment_download(request, pk):
    attachment = get_visible_attachment(request, pk)
    response = _file_response(
        attachment.file,
        content_type=attachment.content_type,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
    if attachment.circle_id is not None:
        # Seen by the circle's people first: shared caches must not keep a copy.
        response["Cache-Control"] = "private"
    return response


@require_GET
def attachment_preview(request, pk):
    """The stored first page of a PDF attachment (editions.previews), seen like the file itself;
    404 while it has none. Nothing is rendered here."""
    attachment = get_visible_attachment(request, pk)
    if not attachment.preview:
        raise Http404
    response = _file_response(attachment.preview, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _file_response(field_file, **kwargs) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, **kwargs)


@cached_public_page
def calendar(request, slug):
    edition = get_object_or_404(Edition.objects.select_related("series"), slug=slug)
    if not edition.is_public and not is_organizer(request.user, edition.series):
        raise Http404
    # The same event the reminder email attaches, without the online room link.
    response = HttpResponse(edition_ics(edition), f"{ICS_MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(edition)}"'
    return response
