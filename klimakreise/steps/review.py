"""The Rückblick: what became of the previous edition's steps.

`previous_steps(edition)` is the one read behind every place that shows it: the edition page, the
plenary view (through boards.signals.plenary_rendering), the results exports and the review API.
The previous edition is the one of the same series with the next-lower number; it counts only
once its results are published (before that, its steps are nobody's business).
"""

from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimakreise.editions.models import Edition
from klimakreise.steps import queries
from klimakreise.steps.reading import PublicStep, public_steps

ANCHOR = "rueckblick"  # the section's id on the edition page; agenda items of kind REVIEW link it


@dataclass(frozen=True)
class ReviewCircle:
    name: str
    steps: list[PublicStep]


@dataclass(frozen=True)
class Review:
    previous: Edition
    steps: list[PublicStep]

    @property
    def circles(self) -> list[ReviewCircle]:
        return [
            ReviewCircle(name, list(steps))
            for name, steps in groupby(self.steps, key=lambda s: s.circle)
        ]

    @property
    def heading(self) -> str:
        return review_heading(self.previous.number)


def ordinal(number: int) -> str:
    """ "3." in German, "3rd" in English."""
    if (get_language() or "de").startswith("de"):
        return f"{number}."
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def review_heading(number: int) -> str:
    return _("What became of the steps of the %(ordinal)s Klimakreise?") % {
        "ordinal": ordinal(number)
    }


def previous_edition(edition) -> Edition | None:
    """The edition of the same series with the next-lower number, if its results are public."""
    for previous in queries.edition_before(series_id=edition.series_id, number=edition.number):
        return previous if previous.results_are_published else None
    return None


def previous_steps(edition) -> Review | None:
    """The previous edition's steps by circle, as the public reads them; None if there is no
    previous edition with published results. Three queries at most."""
    previous = previous_edition(edition)
    if previous is None:
        return None
    return Review(previous=previous, steps=public_steps(previous))
