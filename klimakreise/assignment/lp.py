"""A tiny sparse model builder on top of highspy, plus quiet HiGHS construction."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable

import highspy
import numpy as np

_banner_silenced = False


def new_highs() -> highspy.Highs:
    """Create a Highs instance without its once-per-process banner on stdout.

    HiGHS prints a copyright banner from C++ on the first construction, before any option can
    be set. The CLI may write JSON to stdout, so fd 1 is pointed at /dev/null for that moment.
    """
    global _banner_silenced
    if _banner_silenced:
        return highspy.Highs()
    sys.stdout.flush()
    saved_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highs = highspy.Highs()
        ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved_fd, 1)
        os.close(saved_fd)
        os.close(devnull)
    _banner_silenced = True
    return highs


class LpBuilder:
    """Collects columns, rows and coefficients, then hands HiGHS one column-wise matrix."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[bool] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self._entry_rows: list[int] = []
        self._entry_cols: list[int] = []
        self._entry_vals: list[float] = []
        self.offset = 0.0

    @property
    def num_cols(self) -> int:
        return len(self.cost)

    def col(self, cost: float, lower: float, upper: float, integer: bool = True) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.cost) - 1

    def row(self, lower: float, upper: float, entries: Iterable[tuple[int, float]]) -> int:
        index = len(self.row_lower)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        for col, value in entries:
            self._entry_rows.append(index)
            self._entry_cols.append(col)
            self._entry_vals.append(value)
        return index

    def to_lp(self) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = self.num_cols
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.asarray(self.cost, dtype=np.float64)
        lp.col_lower_ = np.asarray(self.lower, dtype=np.float64)
        lp.col_upper_ = np.asarray(self.upper, dtype=np.float64)
        lp.row_lower_ = np.asarray(self.row_lower, dtype=np.float64)
        lp.row_upper_ = np.asarray(self.row_upper, dtype=np.float64)
        lp.offset_ = self.offset
        cols = np.asarray(self._entry_cols, dtype=np.int32)
        rows = np.asarray(self._entry_rows, dtype=np.int32)
        order = np.lexsort((rows, cols))
        matrix = lp.a_matrix_
        matrix.format_ = highspy.MatrixFormat.kColwise
        matrix.num_col_ = lp.num_col_
        matrix.num_row_ = lp.num_row_
        matrix.start_ = np.searchsorted(cols[order], np.arange(self.num_cols + 1)).astype(np.int32)
        matrix.index_ = rows[order]
        matrix.value_ = np.asarray(self._entry_vals, dtype=np.float64)[order]
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if is_int else highspy.HighsVarType.kContinuous
            for is_int in self.integer
        ]
        return lp
