"""Small-number protection of the report's breakdowns.

A count of 1 or 2 people in a sector or kind of organization could point at a person, so such a
cell shows "< 3" (0 is shown: it points at nobody). Where a column hides exactly one cell, the
column's total would give it back, so the next smallest count of that column is hidden as well
(complementary suppression) and shows "hidden", as it is not small. A total under 3 is hidden
too. See docs/decisions.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SMALL = 3
SMALL_LABEL = _("< 3")
HIDDEN_LABEL = _("hidden")


@dataclass(frozen=True)
class Cell:
    """A count as the report shows it; `value` stays in memory for sums, never shown when
    suppressed."""

    value: int
    suppressed: bool = False
    complementary: bool = False  # hidden only so that the column's total gives nothing back

    def __str__(self) -> str:
        if self.complementary:
            return str(HIDDEN_LABEL)
        return str(SMALL_LABEL) if self.suppressed else str(self.value)

    @property
    def spreadsheet(self) -> int | str:
        """A number where it may be shown, else the "< 3" text."""
        return str(self) if self.suppressed else self.value


def is_small(value: int) -> bool:
    return 0 < value < SMALL


def total_cell(value: int) -> Cell:
    return Cell(value, is_small(value))


def protect(rows: list[list[int]]) -> list[list[Cell]]:
    """Cells for a table of counts (rows × columns) whose column totals are shown."""
    cells = [[Cell(value, is_small(value)) for value in row] for row in rows]
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        hidden = [row[column] for row in cells if row[column].suppressed]
        if len(hidden) != 1:
            continue
        candidates = [
            (row[column].value, index)
            for index, row in enumerate(cells)
            if not row[column].suppressed and row[column].value > 0
        ]
        if candidates:
            _, index = min(candidates)
            cells[index][column] = Cell(
                cells[index][column].value, suppressed=True, complementary=True
            )
    return cells
