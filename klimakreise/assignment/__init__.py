"""Circle assignment: put every workshop participant into exactly one circle.

Pure library (no Django). ``solve`` finds a cost-optimal grouping with HiGHS; ``greedy`` is the
random-serial-dictatorship baseline used for comparison. See docs/assignment.md.
"""

from .api import solve
from .errors import AssignmentError, Infeasible, InvalidInput, NoSolutionInTime
from .greedy import greedy

__all__ = [
    "AssignmentError",
    "Infeasible",
    "InvalidInput",
    "NoSolutionInTime",
    "greedy",
    "solve",
]
