"""Exceptions raised by the circle-assignment library.

The message is English, for the command line. `code` and `details` say the same as data, so an
application can word it in its users' language (the web app does, in circles.solver_messages).
"""


class AssignmentError(Exception):
    """Base class: every expected failure of the library derives from this."""

    def __init__(self, message: str, *, code: str = "", **details):
        super().__init__(message)
        self.code = code
        self.details = details


class InvalidInput(AssignmentError):
    """The problem description is malformed or inconsistent."""


class Infeasible(AssignmentError):
    """No grouping satisfies all sizes, pins and diversity rules together."""


class NoSolutionInTime(AssignmentError):
    """The time limit ended before the solver found any valid grouping."""
