from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from klimakreise.core.cache import cached_public_page
from klimakreise.core.permissions import is_organizer
from klimakreise.core.prepared import PreparedQuery
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Partner, Series, Topic


@cached_public_page
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    editions = series.editions.public().order_by("-start")
    return render(request, "editions/series.html", {"series": series, "editions": editions})


def public_edition_queryset():
    return Edition.objects.public().select_related("series", "previous", "documentation")


@dataclass(frozen=True)
class Program:
    """What the public sees of an edition besides the edition itself (page and API)."""

    agenda: list[AgendaItem]
    topics: list[Topic]
    partners: list[Partner]


# The public edition page is the most visited page; its queries are compiled once (see
# core.prepared). Plain queries, one per list: a prefetch would cost more than the query.
_public_edition = PreparedQuery(lambda slug: public_edition_queryset().filter(slug=slug), slug=str)
_agenda = PreparedQuery(
    lambda edition_id: AgendaItem.objects.filter(edition_id=edition_id).select_related(
        "organization"
    ),
    edition_id=int,
)
_topics = PreparedQuery(
    lambda edition_id: Topic.objects.filter(edition_id=edition_id), edition_id=int
)
_partners = PreparedQuery(
    lambda edition_id: Partner.objects.filter(edition_id=edition_id).select_related("organization"),
    edition_id=int,
)
_edition_files = PreparedQuery(
    lambda edition_id: Attachment.objects.filter(edition_id=edition_id, circle__isnull=True),
    edition_id=int,
)


def get_public_edition(slug: str) -> Edition:
    """The edition with its series, previous edition and documentation, if public; else 404."""
    for edition in _public_edition(slug=slug):
        return edition
    raise Http404


def public_program(edition) -> Program:
    return Program(
        agenda=_agenda(edition_id=edition.pk),
        topics=_topics(edition_id=edition.pk),
        partners=_partners(edition_id=edition.pk),
    )


@cached_public_page
def edition_detail(request, slug):
    edition = get_public_edition(slug)
    program = public_program(edition)
    # Circle files belong to the results; the page shows the edition's and the agenda's files.
    by_item = defaultdict(list)
    for file in _edition_files(edition_id=edition.pk):
        by_item[file.agenda_item_id].append(file)
    for item in program.agenda:
        item.files = by_item[item.pk]
    context = {"edition": edition, "program": program, "edition_files": by_item[None]}
    return render(request, "editions/edition.html", context)


# Who may see a circle's files is decided by the app that owns the workspace (boards registers
# its rule in ready()); without one, only the series' organizers may.
CIRCLE_FILE_RULES: list[Callable] = []


def register_circle_file_rule(rule: Callable) -> None:
    """rule(request, circle) -> bool; any rule that says yes shows the file."""
    if rule not in CIRCLE_FILE_RULES:
        CIRCLE_FILE_RULES.append(rule)


def get_visible_attachment(request, pk) -> Attachment:
    """The attachment if this visitor may see it, else 404; downloads and slide previews ask here.

    Files of the edition and its agenda follow the edition: public, or its organizers. A circle's
    files belong to its workspace and follow the registered rule."""
    related = Attachment.objects.select_related("edition__series", "circle")
    attachment = get_object_or_404(related, pk=pk)
    edition = attachment.edition
    if attachment.circle is None:
        visible = edition.is_public or is_organizer(request.user, edition.series)
    else:
        attachment.circle.edition = edition  # the same row, already loaded
        visible = is_organizer(request.user, edition.series) or any(
            rule(request, attachment.circle) for rule in CIRCLE_FILE_RULES
        )
    if not visible:
        raise Http404
    return attachment


def attachment_download(request, pk):
    attachment = get_visible_attachment(request, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
    if attachment.circle_id is not None:
        # Seen by the circle's people first: shared caches must not keep a copy.
        response["Cache-Control"] = "private"
    return response
