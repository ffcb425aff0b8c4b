"""Counts of 1 or 2 are hidden as "< 3", and a column never gives a hidden count back through
its total."""

import pytest
from django.utils import translation

from klimakreise.reports.data import gather_edition_report
from klimakreise.reports.protection import protect, total_cell
from klimakreise.reports.sections import participation_section


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def shown(cells):
    return [[str(cell) for cell in row] for row in cells]


def test_small_counts_are_hidden_and_zero_and_larger_ones_shown():
    assert shown(protect([[1], [2], [0], [3], [10]])) == [["< 3"], ["< 3"], ["0"], ["3"], ["10"]]


def test_a_single_hidden_cell_in_a_column_hides_the_next_smallest_count():
    cells = protect([[5, 0], [1, 0], [4, 7]])
    assert shown(cells) == [["5", "0"], ["< 3", "0"], ["hidden", "7"]]
    assert cells[2][0].suppressed


def test_two_small_cells_in_a_column_need_no_second_hidden_one():
    assert shown(protect([[1], [2], [8]])) == [["< 3"], ["< 3"], ["8"]]


def test_the_hidden_value_stays_for_sums_but_is_never_displayed():
    cell = protect([[1], [9]])[0][0]
    assert (cell.value, str(cell), cell.spreadsheet) == (1, "< 3", "< 3")


def test_a_small_total_is_hidden():
    assert [str(total_cell(v)) for v in (0, 2, 3)] == ["0", "< 3", "3"]


def test_the_report_hides_small_sector_counts(built):
    section = participation_section(gather_edition_report(built.edition_a).participation)
    by_sector = {row[0]: [str(cell) for cell in row[1:]] for row in section.tables[0].rows}
    # Registered: Verwaltung (2) and Unternehmen (1) are both small, so 6 can stay. Confirmed
    # and attended hide only Verwaltung's small count: the total would give it back, so
    # Zivilgesellschaft's count is hidden too.
    assert by_sector["Verwaltung"] == ["< 3", "< 3", "< 3"]
    assert by_sector["Unternehmen"] == ["< 3", "0", "0"]
    assert by_sector["Zivilgesellschaft"] == ["6", "hidden", "hidden"]
    assert [str(cell) for cell in section.tables[0].footer[1:]] == ["9", "7", "5"]
