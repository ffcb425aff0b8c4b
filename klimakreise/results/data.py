"""The results of an edition as one plain data structure.

The ONE place that reads results from the database: the public page, the review page, the API and
every export render what `gather_results` returns. It runs a fixed number of queries, however many
circles and cards there are.
"""

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType

from django.db.models import BooleanField, Count, ExpressionWrapper, F
from django.urls import reverse
from django.utils import translation

from klimakreise.boards.models import Card, DotVote
from klimakreise.boards.services.votes import NEWEST_CLOSED_FIRST
from klimakreise.circles.models import Circle, circle_name
from klimakreise.core.prepared import PreparedQuery
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Partner
from klimakreise.registrations.models import LISTED_PUBLICLY, Registration
from klimakreise.registrations.privacy import (
    UnlistedNames,
    name_forms,
    prepared_names,
    without_unlisted_name,
)
from klimakreise.results.models import Documentation
from klimakreise.results.publication import is_published


@dataclass(frozen=True)
class FileEntry:
    title: str
    url: str  # download (absolute path on this site)
    preview_url: str | None  # an image of the first page, if there is one
    attachment: Attachment = field(repr=False, compare=False)


@dataclass(frozen=True)
class Idea:
    text: str
    dots: int | None  # None while no vote on the circle was closed


@dataclass(frozen=True)
class Step:
    """A card of the next-steps or responsibilities column."""

    text: str
    responsible: str
    due: date | None
    status: str
    status_label: str


@dataclass(frozen=True)
class CircleResult:
    anchor: str
    name: str
    topic: str
    description: str
    input_title: str
    input_speaker: str
    moderator: str
    note_taker: str
    # Card texts and notes name nobody who did not agree to be named (registrations.privacy).
    ideas: list[Idea]
    next_steps: list[Step]
    responsibilities: list[Step]
    notes: str  # Markdown, sanitized when rendered
    files: list[FileEntry]
    members: list[str]  # only people who agreed to be named in public
    voted: bool


@dataclass(frozen=True)
class AgendaEntry:
    start: datetime
    duration_minutes: int
    title: str
    kind: str
    kind_label: str
    speaker: str
    organization: str
    files: list[FileEntry]


@dataclass(frozen=True)
class PartnerEntry:
    name: str
    website: str
    role: str
    role_label: str
    thanks: str


@dataclass(frozen=True)
class Results:
    edition: Edition
    published: bool
    published_at: datetime | None
    updated_at: datetime | None  # only when edited after publishing
    participant_count: int
    outlook: str
    next_date: date | None
    agenda: list[AgendaEntry]
    circles: list[CircleResult]
    partners: list[PartnerEntry]

    def with_files(self, change) -> "Results":
        """A copy in which every FileEntry is replaced by change(entry) (exports embed images)."""
        agenda = [replace(a, files=[change(f) for f in a.files]) for a in self.agenda]
        circles = [replace(c, files=[change(f) for f in c.files]) for c in self.circles]
        return replace(self, agenda=agenda, circles=circles)


def results_queryset():
    return Edition.objects.select_related("series", "documentation")


# Every query below runs on each uncached visit of the results page; each is compiled once per
# connection (see core.prepared). Cards, dots, files and names are read as plain rows, one query
# each for the whole edition: model instances would cost most of the page's time.
edition_with_results = PreparedQuery(lambda slug: results_queryset().filter(slug=slug), slug=str)


def gather_results(edition: Edition) -> Results:
    """Everything the results show. `edition` should come from results_queryset()."""
    documentation = _documentation(edition)
    circles = _circles_of(edition_id=edition.pk)
    files = _files_by_owner(edition)
    names = _names(edition)
    count = documentation.participant_count
    if count is None:
        count = edition.registrations.confirmed().count()
    return Results(
        edition=edition,
        published=is_published(edition),
        published_at=documentation.published_at,
        updated_at=documentation.updated_at if documentation.updated_after_publishing else None,
        participant_count=count,
        outlook=documentation.outlook,
        next_date=documentation.next_date,
        agenda=_agenda(edition, files),
        circles=_circle_results(edition, circles, files, names),
        partners=_partners(edition),
    )


def labels(choices) -> Mapping[str, str]:
    """Value → label in the current language: get_FOO_display() and a lazy label's str()
    translate on every call, and the results show the same few labels many times."""
    return _labels_in(choices, translation.get_language())


@functools.lru_cache(maxsize=64)
def _labels_in(choices, language: str | None) -> Mapping[str, str]:
    # Labels are fixed in the code and catalogues never change in a running process.
    with translation.override(language):
        return MappingProxyType({value: str(label) for value, label in choices.choices})


# The agenda and partners as rows: the edition page reads them as model instances
# (editions.queries), the results only copy their values.
_agenda_of = PreparedQuery(
    lambda edition_id: AgendaItem.objects.filter(edition_id=edition_id).values_list(
        "id", "start", "duration_minutes", "title", "kind", "speaker", "organization__name"
    ),
    edition_id=int,
)
_partners_of = PreparedQuery(
    lambda edition_id: Partner.objects.filter(edition_id=edition_id).values_list(
        "organization__name", "organization__website", "role", "thanks"
    ),
    edition_id=int,
)


def _partners(edition) -> list[PartnerEntry]:
    role_labels = labels(Partner.Role)
    return [
        PartnerEntry(
            name=p.organization__name,
            website=p.organization__website,
            role=p.role,
            role_label=role_labels.get(p.role, p.role),
            thanks=p.thanks,
        )
        for p in _partners_of(edition_id=edition.pk)
    ]


def _documentation(edition) -> Documentation:
    try:
        return edition.documentation
    except Documentation.DoesNotExist:
        return Documentation(edition=edition)  # not saved: reading never writes


# Plain rows, as for the cards below: the circles, their topics and notes as model instances
# cost more than the queries. The staff's names: the account's, else the name typed in.
_circles_of = PreparedQuery(
    lambda edition_id: (
        Circle.objects.filter(edition_id=edition_id)
        # Names of staff with an account, without loading whole user rows.
        .annotate(
            moderator_user=F("moderator__name"),
            expert_user=F("expert__name"),
            note_taker_user=F("note_taker__name"),
        )
        .values_list(
            "id",
            "index",
            "topic__slug",
            "topic__title",
            "topic__max_groups",
            "topic__description",
            "topic__input_title",
            "topic__input_expert",
            "notes__text",
            "moderator_name",
            "expert_name",
            "note_taker_name",
            "moderator_user",
            "expert_user",
            "note_taker_user",
        )
    ),
    edition_id=int,
)


@dataclass
class _Names:
    members: dict[int, list[str]]  # circle id → names of members listed in public, by name
    hidden: UnlistedNames  # participants who did not agree to be named


_names_of = PreparedQuery(
    lambda edition_id: (
        Registration.objects.filter(edition_id=edition_id)
        .annotate(listed=ExpressionWrapper(LISTED_PUBLICLY, output_field=BooleanField()))
        .order_by("name")
        .values_list("name", "listed", "circle_membership__circle_id")
    ),
    edition_id=int,
)


def _names(edition) -> _Names:
    members, hidden = defaultdict(list), set()
    for name, listed, circle_id in _names_of(edition_id=edition.pk):
        if not listed:
            hidden.update(name_forms(name))
        elif circle_id is not None:
            members[circle_id].append(name)
    # Prepared once for all the edition's texts.
    return _Names(members=members, hidden=prepared_names(hidden))


_files_of = PreparedQuery(
    lambda edition_id: Attachment.objects.filter(edition_id=edition_id).order_by(
        "uploaded_at", "id"
    ),
    edition_id=int,
)


def _files_by_owner(edition) -> dict[tuple[str, int], list["FileEntry"]]:
    """The edition's files by ("circle" | "agenda", owner id), in upload order."""
    files = defaultdict(list)
    for attachment in _files_of(edition_id=edition.pk):
        if attachment.circle_id is not None:
            files["circle", attachment.circle_id].append(_file(attachment))
        elif attachment.agenda_item_id is not None:
            files["agenda", attachment.agenda_item_id].append(_file(attachment))
    return files


def _circle_results(edition, circles, files, names) -> list[CircleResult]:
    cards = defaultdict(lambda: {column: [] for column in Card.Column.values})
    for row in _cards_of(edition_id=edition.pk):
        cards[row.circle_id][row.column].append(row)
    dots, voted = _dots_of_last_votes(edition)
    status_labels = labels(Card.Status)
    return [
        _circle(
            circle,
            cards[circle.id],
            dots if circle.id in voted else None,
            files,
            names,
            status_labels,
        )
        for circle in circles
    ]


_cards_of = PreparedQuery(
    lambda edition_id: (
        Card.objects.filter(circle__edition_id=edition_id)
        .order_by("column", "position", "id")
        .values_list("circle_id", "column", "id", "text", "responsible", "due_date", "status")
    ),
    edition_id=int,
)


_closed_votes_of = PreparedQuery(
    lambda edition_id: (
        DotVote.objects.filter(circle__edition_id=edition_id, status=DotVote.Status.CLOSED)
        .order_by(*NEWEST_CLOSED_FIRST)
        .values_list("circle_id", "id", "dots__card_id")
        .annotate(n=Count("dots"))
    ),
    edition_id=int,
)


def _dots_of_last_votes(edition) -> tuple[dict[int, int], set[int]]:
    """Dots per card in each circle's last closed vote (as the board shows them), and the ids of
    the circles that have closed a vote. One query: every closed vote with its dots per card, a
    vote without dots as one row without a card."""
    last_votes, dots = {}, {}
    for circle_id, vote_id, card_id, n in _closed_votes_of(edition_id=edition.pk):
        if last_votes.setdefault(circle_id, vote_id) == vote_id and card_id is not None:
            dots[card_id] = n
    return dots, set(last_votes)


def _circle(circle, cards, dots, files, names: _Names, status_labels) -> CircleResult:
    voted = dots is not None
    hide = names.hidden.hide
    ideas = [
        Idea(text=hide(c.text), dots=dots.get(c.id, 0) if voted else None) for c in cards["ideas"]
    ]
    if voted:
        ideas.sort(key=lambda idea: -idea.dots)  # stable: equal dots keep the board's order
    return CircleResult(
        anchor=f"circle-{circle.topic__slug}-{circle.index}",
        name=circle_name(
            circle.topic__title, max_groups=circle.topic__max_groups, index=circle.index
        ),
        topic=circle.topic__title,
        description=circle.topic__description,
        input_title=circle.topic__input_title,
        input_speaker=circle.topic__input_expert or _staff(circle, "expert"),
        moderator=_staff(circle, "moderator"),
        note_taker=_staff(circle, "note_taker"),
        ideas=ideas,
        next_steps=[_step(c, names.hidden, status_labels) for c in cards["next_steps"]],
        responsibilities=[_step(c, names.hidden, status_labels) for c in cards["responsibilities"]],
        # Before Markdown: offsets are the text's. A circle without notes has no row (None).
        notes=hide(circle.notes__text) if circle.notes__text else "",
        files=files.get(("circle", circle.id), []),
        members=names.members.get(circle.id, []),
        voted=voted,
    )


def _staff(circle, role: str) -> str:
    """Like Circle.staff_display, from the annotated user name (see _circles_of)."""
    return getattr(circle, f"{role}_user") or getattr(circle, f"{role}_name")


def _step(card, hidden_names: UnlistedNames, status_labels: Mapping[str, str]) -> Step:
    return Step(
        text=hidden_names.hide(card.text),
        # A name field: hidden as a whole (see without_unlisted_name).
        responsible=without_unlisted_name(card.responsible.strip(), hidden_names),
        due=card.due_date,
        status=card.status,
        status_label=status_labels.get(card.status, card.status),
    )


def _agenda(edition, files) -> list[AgendaEntry]:
    kind_labels = labels(AgendaItem.Kind)
    return [
        AgendaEntry(
            start=item.start,
            duration_minutes=item.duration_minutes,
            title=item.title,
            kind=item.kind,
            kind_label=kind_labels.get(item.kind, item.kind),
            speaker=item.speaker,
            organization=item.organization__name or "",
            files=files.get(("agenda", item.id), []),
        )
        for item in _agenda_of(edition_id=edition.pk)
    ]


def _file(attachment: Attachment) -> FileEntry:
    return FileEntry(
        title=attachment.title,
        url=attachment.get_absolute_url(),
        preview_url=preview_url(attachment),
        attachment=attachment,
    )


def preview_url(attachment: Attachment) -> str | None:
    if attachment.content_type.startswith("image/"):
        return attachment.get_absolute_url()
    if attachment.content_type != "application/pdf":
        return None
    return reverse("boards:attachment_preview", kwargs={"pk": attachment.pk})
