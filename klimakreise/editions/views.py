from collections import defaultdict
from collections.abc import Callable

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from klimakreise.core.cache import cached_public_page
from klimakreise.core.permissions import is_organizer
from klimakreise.editions.models import Attachment, Series
from klimakreise.editions.queries import edition_files_of, get_public_edition, public_program


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
    sections = [section(request, edition) for section in EDITION_PAGE_SECTIONS]
    context = {
        "edition": edition,
        "program": program,
        "edition_files": by_item[None],
        "sections": [html for html in sections if html],
    }
    return render(request, "editions/edition.html", context)


# Sections other apps add to the public edition page (registrations: the sign-up form while
# registration is open). section(request, edition) -> HTML, or "" for nothing.
EDITION_PAGE_SECTIONS: list[Callable] = []


def register_edition_page_section(section: Callable) -> None:
    if section not in EDITION_PAGE_SECTIONS:
        EDITION_PAGE_SECTIONS.append(section)


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
