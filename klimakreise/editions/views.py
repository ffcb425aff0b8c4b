from collections import defaultdict

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from klimakreise.core.cache import cached_public_page
from klimakreise.core.permissions import is_organizer
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Partner, Series


@cached_public_page
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    editions = series.editions.public().order_by("-start")
    return render(request, "editions/series.html", {"series": series, "editions": editions})


def public_edition_queryset():
    """One public edition with its program, in a fixed number of queries (page and API)."""
    return (
        Edition.objects.public()
        .select_related("series", "previous", "documentation")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("organization")),
            "topics",
            Prefetch("partners", queryset=Partner.objects.select_related("organization")),
        )
    )


@cached_public_page
def edition_detail(request, slug):
    # Circle files belong to the results; the page shows the edition's and the agenda's files.
    public_files = Prefetch(
        "attachments", queryset=Attachment.objects.filter(circle__isnull=True), to_attr="files"
    )
    edition = get_object_or_404(public_edition_queryset().prefetch_related(public_files), slug=slug)
    by_item = defaultdict(list)
    for file in edition.files:
        by_item[file.agenda_item_id].append(file)
    for item in edition.agenda_items.all():
        item.files = by_item[item.pk]
    context = {"edition": edition, "edition_files": by_item[None]}
    return render(request, "editions/edition.html", context)


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
