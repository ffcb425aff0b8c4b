"""The steps of an edition as the public reads them, in a fixed number of queries.

Names follow the one rule of boards.reading and registrations.privacy: card texts and notes have
each mention of a participant who did not agree to be named replaced; the responsible field is
hidden as a whole (None) when it mentions one, when the participant who looks after the step did
not agree to be named, or when it names the step's contact (a person who agreed to nothing).
What is left is a name that may be shown: an organization, or someone who agreed.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count

from klimakreise.boards.models import Card
from klimakreise.circles.models import circle_name
from klimakreise.registrations.privacy import (
    HIDDEN_NAME,
    UnlistedNames,
    prepared_names,
    search_forms,
    without_unlisted_name,
)
from klimakreise.steps import queries
from klimakreise.steps.services import STEP_COLUMNS


@dataclass(frozen=True)
class PublicStep:
    id: int
    circle: str
    text: str
    responsible: str | None
    due: date | None
    status: str
    status_label: str
    updated_at: datetime
    note: str  # the newest note, "" if there is none
    note_at: datetime | None


def public_steps(edition) -> list[PublicStep]:
    """Every step of the edition, by circle, as anyone may read it (two queries)."""
    hidden = UnlistedNames.among(queries.people_of(edition_id=edition.pk))
    labels = {value: str(label) for value, label in Card.Status.choices}
    return [_step(row, hidden, labels) for row in queries.steps_of(edition_id=edition.pk)]


def _step(row, hidden: UnlistedNames, labels) -> PublicStep:
    return PublicStep(
        id=row.id,
        circle=circle_name(
            row.circle__topic__title,
            max_groups=row.circle__topic__max_groups,
            index=row.circle__index,
        ),
        text=hidden.hide(row.text),
        responsible=_responsible(row, hidden),
        due=row.due_date,
        status=row.status,
        status_label=labels.get(row.status, row.status),
        updated_at=row.updated_at,
        note=hidden.hide(row.note or ""),
        note_at=row.note_at,
    )


def _responsible(row, hidden: UnlistedNames) -> str | None:
    name = row.responsible.strip()
    if not name:
        return None
    owner = (row.follow_up__registration_id, row.owner_listed, row.follow_up__contact_name)
    if _hidden_by_owner(name, *owner):
        return None
    if without_unlisted_name(name, hidden) == HIDDEN_NAME:
        return None
    return name


def _hidden_by_owner(name: str, registration_id, owner_listed, contact_name) -> bool:
    """Who looks after the step hides its responsible field: a participant who did not agree to
    be named, or a contact (who agreed to nothing) named in it."""
    if registration_id is not None and not owner_listed:
        return True
    return bool(contact_name) and prepared_names(search_forms(contact_name)).mentioned_in(name)


def hidden_responsibles(edition) -> set[int]:
    """The ids of the edition's cards whose responsible field the public must not see because of
    who looks after the step (one query): the results page applies the rule of `public_steps`."""
    return {
        card_id
        for card_id, name, registration_id, listed, contact in queries.owners_of(
            edition_id=edition.pk
        )
        if name.strip() and _hidden_by_owner(name, registration_id, listed, contact)
    }


def status_counts(edition) -> dict[str, int]:
    """How many of the edition's steps have each status (every status, zeros included), in one
    query: e.g. for the share of next steps done or in progress in a report."""
    counts = dict.fromkeys(Card.Status.values, 0)
    rows = (
        Card.objects.filter(circle__edition=edition, column__in=STEP_COLUMNS)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts.update(dict(rows))
    return counts
