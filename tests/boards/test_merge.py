"""The three-way merge of a card edit that was overtaken (services.merge_card_edit)."""

import datetime

import pytest

from klimakreise.boards.models import Card
from klimakreise.boards.services import merge_card_edit
from tests.boards.factories import CardFactory

pytestmark = pytest.mark.django_db

SEEN = {
    "text": "Radweg planen",
    "responsible": "ADFC",
    "due_date": "2030-05-01",
    "status": Card.Status.OPEN,
    "column": Card.Column.NEXT_STEPS,
}


@pytest.fixture
def newer(circle):
    """The card as someone else saved it: they changed the status and the due date."""
    changed = {"status": Card.Status.DONE, "due_date": datetime.date(2030, 6, 1)}
    return CardFactory(circle=circle, version=2, **(SEEN | changed))


def submitted(**changes):
    values = {
        "text": "Radweg planen",
        "responsible": "ADFC",
        "due_date": datetime.date(2030, 5, 1),
        "status": Card.Status.OPEN,
    }
    return values | changes


def fields(merge):
    return {row.name: row for row in merge.fields}


def test_own_changes_are_kept_and_the_others_changes_taken(newer):
    merge = merge_card_edit(current=newer, submitted=submitted(text="Radweg B2"), seen=SEEN)
    assert merge.values == {
        "text": "Radweg B2",
        "responsible": "ADFC",
        "due_date": "2030-06-01",
        "status": Card.Status.DONE,
    }
    assert merge.version == 2
    rows = fields(merge)
    assert rows["text"].only_yours and not rows["text"].kept_newer
    assert rows["status"].kept_newer and rows["status"].changed_by_other
    assert rows["due_date"].kept_newer and rows["due_date"].differs
    assert not rows["responsible"].differs and not rows["responsible"].kept_newer


def test_a_field_both_changed_keeps_ones_own_value_and_tells_so(newer):
    merge = merge_card_edit(current=newer, submitted=submitted(status="blocked"), seen=SEEN)
    status = fields(merge)["status"]
    assert merge.values["status"] == "blocked"
    assert status.differs and status.changed_by_other
    assert not status.kept_newer and not status.only_yours


def test_without_the_seen_values_every_submitted_value_is_kept(newer):
    merge = merge_card_edit(current=newer, submitted=submitted(), seen=None)
    assert merge.values == {
        "text": "Radweg planen",
        "responsible": "ADFC",
        "due_date": "2030-05-01",
        "status": Card.Status.OPEN,
    }
    assert not any(row.kept_newer or row.changed_by_other for row in merge.fields)


def test_line_endings_and_surrounding_blanks_are_no_change(newer):
    newer.text = "Radweg\nplanen"
    merge = merge_card_edit(
        current=newer,
        submitted=submitted(text="Radweg\r\nplanen "),
        seen=SEEN | {"text": "Radweg\r\nplanen"},
    )
    assert not fields(merge)["text"].differs


def test_the_column_is_compared_but_never_merged(newer):
    newer.column = Card.Column.RESPONSIBILITIES
    merge = merge_card_edit(current=newer, submitted=submitted(), seen=SEEN)
    column = fields(merge)["column"]
    assert column.differs and column.changed_by_other and not column.kept_newer
    assert (column.newer, column.yours) == (Card.Column.RESPONSIBILITIES, Card.Column.NEXT_STEPS)
    assert "column" not in merge.values
