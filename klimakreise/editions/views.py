from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from klimakreise.core.cache import cached_public_page
from klimakreise.core.permissions import is_organizer
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Series


@cached_public_page
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    editions = series.editions.public().order_by("-start")
    return render(request, "editions/series.html", {"series": series, "editions": editions})


def public_edition_queryset():
    """One edition with everything its public page shows, in a fixed number of queries."""
    public_files = Attachment.objects.filter(circle__isnull=True)
    return (
        Edition.objects.public()
        .select_related("series", "previous", "documentation")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("organization").prefetch_related(
                    Prefetch("attachments", queryset=public_files)
                ),
            ),
            "topics",
            "partners__organization",
            Prefetch(
                "attachments",
                queryset=public_files.filter(agenda_item__isnull=True),
                to_attr="edition_files",
            ),
        )
    )


@cached_public_page
def edition_detail(request, slug):
    edition = get_object_or_404(public_edition_queryset(), slug=slug)
    return render(request, "editions/edition.html", {"edition": edition})


def get_visible_attachment(request, pk) -> Attachment:
    """The attachment if this visitor may see it (public edition, or its organizers), else 404.

    Downloads and slide previews ask the same question here."""
    attachment = get_object_or_404(Attachment.objects.select_related("edition__series"), pk=pk)
    if not attachment.edition.is_public and not is_organizer(
        request.user, attachment.edition.series
    ):
        raise Http404
    return attachment


def attachment_download(request, pk):
    attachment = get_visible_attachment(request, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle,
        content_type=attachment.content_type,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
