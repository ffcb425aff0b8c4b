"""The results of an edition as one plain data structure.

The ONE place that reads results from the database: the public page, the review page, the API and
every export render what `gather_results` returns. It runs a fixed number of queries, however many
circles and cards there are. The circles' cards, dots, notes and members are read through
boards.reading, as the public reads them: the review shows organizers what the public will see.
"""

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.urls import reverse

from klimakreise.boards.models import Card
from klimakreise.boards.reading import CircleReading, Idea, Reader, Task, read_edition
from klimakreise.circles.models import circle_name
from klimakreise.editions.credits import partner_credit
from klimakreise.editions.models import AgendaItem, Attachment, Documentation, Edition, Partner
from klimakreise.feedback.summary import FeedbackSummary, published_summary
from klimakreise.results import queries
from klimakreise.steps.reading import hidden_responsibles
from klimakreise.steps.review import Review, previous_steps


@dataclass(frozen=True)
class FileEntry:
    title: str
    url: str  # download (absolute path on this site)
    preview_url: str | None  # an image of the first page, if there is one
    attachment: Attachment = field(repr=False, compare=False)


@dataclass(frozen=True)
class Step:
    """A card of the next-steps or responsibilities column."""

    text: str
    responsible: str
    due: date | None
    status: str
    status_label: str
    updated_at: datetime | None = None  # the last update of the step (steps: status and note)


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
    # Card texts and notes name nobody who did not agree to be named (boards.reading).
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

    @property
    def credit(self) -> str:
        """The sentence that thanks the partner, as HTML with the name linked."""
        return partner_credit(
            name=self.name, role_label=self.role_label, thanks=self.thanks, website=self.website
        )

    def credit_text(self, safe: Callable[[str], str]) -> str:
        """The same sentence as text; `safe` makes name and acknowledgement safe for the format."""
        return partner_credit(
            name=safe(self.name), role_label=self.role_label, thanks=safe(self.thanks), html=False
        )


@dataclass(frozen=True)
class Results:
    edition: Edition
    published: bool
    published_at: datetime | None
    updated_at: datetime | None  # only when edited after publishing
    participant_count: int
    intro: str  # Markdown: the results' own introduction, never the edition's invitation
    outlook: str
    next_date: date | None
    agenda: list[AgendaEntry]
    circles: list[CircleResult]
    partners: list[PartnerEntry]
    feedback: FeedbackSummary | None = None  # the published feedback summary, if any
    # The Rückblick: what became of the previous edition's steps (steps.review), or None.
    review: Review | None = None

    def with_files(self, change) -> "Results":
        """A copy in which every FileEntry is replaced by change(entry) (exports embed images)."""
        agenda = [replace(a, files=[change(f) for f in a.files]) for a in self.agenda]
        circles = [replace(c, files=[change(f) for f in c.files]) for c in self.circles]
        return replace(self, agenda=agenda, circles=circles)


def gather_results(edition: Edition) -> Results:
    """Everything the results show. `edition` should come from queries.results_queryset()."""
    documentation = _documentation(edition)
    circles = queries.circles_of(edition_id=edition.pk)
    files = _files_by_owner(edition)
    count = documentation.participant_count
    if count is None:
        count = edition.registrations.confirmed().count()
    return Results(
        edition=edition,
        published=edition.results_are_published,
        published_at=documentation.published_at,
        updated_at=documentation.updated_at if documentation.updated_after_publishing else None,
        participant_count=count,
        intro=documentation.results_intro,
        outlook=documentation.outlook,
        next_date=documentation.next_date,
        agenda=_agenda(edition, files),
        circles=_circle_results(edition, circles, files),
        partners=_partners(edition),
        feedback=published_summary(edition),
        review=previous_steps(edition),
    )


def labels(choices) -> Mapping[str, str]:
    """value → label of a TextChoices class, in the current language."""
    return {value: str(label) for value, label in choices.choices}


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
        for p in queries.partners_of(edition_id=edition.pk)
    ]


def _documentation(edition) -> Documentation:
    try:
        return edition.documentation
    except Documentation.DoesNotExist:
        return Documentation(edition=edition)  # not saved: reading never writes


def _files_by_owner(edition) -> dict[tuple[str, int], list["FileEntry"]]:
    """The edition's files by ("circle" | "agenda", owner id), in upload order."""
    files = defaultdict(list)
    for attachment in queries.files_of(edition_id=edition.pk):
        if attachment.circle_id is not None:
            files["circle", attachment.circle_id].append(_file(attachment))
        elif attachment.agenda_item_id is not None:
            files["agenda", attachment.agenda_item_id].append(_file(attachment))
    return files


def _circle_results(edition, circles, files) -> list[CircleResult]:
    notes = {circle.id: circle.notes__text or "" for circle in circles}  # no notes: no row
    readings = read_edition(edition.pk, reader=Reader.PUBLIC, notes=notes)
    step = functools.partial(
        _step, status_labels=labels(Card.Status), hidden=hidden_responsibles(edition)
    )
    return [_circle(circle, readings[circle.id], files, step) for circle in circles]


def _circle(circle, reading: CircleReading, files, step) -> CircleResult:
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
        ideas=reading.ideas,
        next_steps=[step(task) for task in reading.next_steps],
        responsibilities=[step(task) for task in reading.responsibilities],
        notes=reading.notes,
        files=files.get(("circle", circle.id), []),
        members=reading.members,
        voted=reading.voted,
    )


def _staff(circle, role: str) -> str:
    """Like Circle.staff_display, from the annotated user name (see queries.circles_of)."""
    return getattr(circle, f"{role}_user") or getattr(circle, f"{role}_name")


def _step(task: Task, *, status_labels: Mapping[str, str], hidden: set[int]) -> Step:
    """A step as the public reads it; `hidden`: cards whose responsible field the person looking
    after the step hides (steps.reading, the rule of the steps API and the Rückblick)."""
    return Step(
        text=task.text,
        responsible="" if task.card_id in hidden else task.responsible,
        due=task.due,
        status=task.status,
        status_label=status_labels.get(task.status, task.status),
        updated_at=task.updated_at,
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
        for item in queries.agenda_of(edition_id=edition.pk)
    ]


def _file(attachment: Attachment) -> FileEntry:
    return FileEntry(
        title=attachment.title,
        url=attachment.get_absolute_url(),
        preview_url=preview_url(attachment),
        attachment=attachment,
    )


def preview_url(attachment: Attachment) -> str | None:
    """An image is its own preview; a PDF's preview is the stored one (editions.previews)."""
    if attachment.content_type.startswith("image/"):
        return attachment.get_absolute_url()
    if not attachment.preview:
        return None
    return reverse("editions:attachment_preview", kwargs={"pk": attachment.pk})
