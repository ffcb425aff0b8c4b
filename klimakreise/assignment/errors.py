"""Exceptions raised by the circle-assignment library."""


class AssignmentError(Exception):
    """Base class: every expected failure of the library derives from this."""


class InvalidInput(AssignmentError):
    """The problem description is malformed or inconsistent."""


class Infeasible(AssignmentError):
    """No grouping satisfies all sizes, pins and diversity rules together."""


class NoSolutionInTime(AssignmentError):
    """The time limit ended before the solver found any valid grouping."""
