"""The three-way merge of a card edit that someone else's save overtook.

Three versions of each field meet: what the person saw when they opened the card (`seen`), what
they submitted, and what is stored now (`current`). A field only the other person changed takes
the newer value; a field the person changed keeps theirs (also when both changed it: the person
decides, seeing both). The column is compared but never merged: an edit does not move a card.
Without the seen values (older pages, scripts) every field counts as changed by the person.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from klimakreise.boards.models import Card

CONTENT_FIELDS = ("text", "responsible", "due_date", "status")
COMPARED_FIELDS = (*CONTENT_FIELDS, "column")


@dataclass(frozen=True)
class FieldMerge:
    """One field of the card: the newer version against the person's submission."""

    name: str
    newer: object
    yours: object
    differs: bool  # the newer value is not what the person submitted
    changed_by_other: bool  # someone else changed it since the person opened the card
    kept_newer: bool  # the person had not changed it: the merge takes the newer value
    only_yours: bool  # the person changed it, nobody else did


@dataclass(frozen=True)
class CardMerge:
    fields: list[FieldMerge]  # in COMPARED_FIELDS order
    values: dict[str, str]  # what saving again stores (content fields, as text)
    version: int  # the version saving again is based on: the newer one


def merge_card_edit(
    *, current: Card, submitted: Mapping[str, object], seen: Mapping[str, object] | None
) -> CardMerge:
    """Merge the submitted content fields with the newer `current` card, field by field."""
    yours = {name: submitted.get(name) for name in CONTENT_FIELDS}
    yours["column"] = (seen or {}).get("column") or current.column  # an edit never moves
    fields = [_merge_field(name, current, yours[name], seen) for name in COMPARED_FIELDS]
    values = {
        row.name: as_text(row.newer if row.kept_newer else row.yours)
        for row in fields
        if row.name in CONTENT_FIELDS
    }
    return CardMerge(fields=fields, values=values, version=current.version)


def _merge_field(name, current, mine, seen) -> FieldMerge:
    newer = getattr(current, name)
    other_changed = seen is not None and not same_value(newer, seen[name])
    you_changed = name != "column" and (seen is None or not same_value(mine, seen[name]))
    differs = not same_value(newer, mine)
    return FieldMerge(
        name=name,
        newer=newer,
        yours=mine,
        differs=differs,
        changed_by_other=other_changed,
        kept_newer=differs and name != "column" and not you_changed,
        only_yours=differs and seen is not None and you_changed and not other_changed,
    )


def as_text(value) -> str:
    """A field's value as a form holds it."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def same_value(a, b) -> bool:
    """Equal as the person sees them: line endings and surrounding blanks do not count."""

    def normal(value):
        return as_text(value).replace("\r\n", "\n").strip()

    return normal(a) == normal(b)
