"""The published summary: what the public sees of the survey on the results page and in the API.

`published_summary(edition)` is the one entry point for higher apps (results, reports): counts
per option or scale value only, free texts as their number, no breakdown per circle. It runs a
fixed number of queries (one when nothing is published).
"""

from dataclasses import dataclass

from django.utils import formats

from klimakreise.feedback.models import Survey
from klimakreise.feedback.report import Bar, build_report


@dataclass(frozen=True)
class SummaryQuestion:
    id: int
    text: str
    kind: str  # scale, choice, multiple, text
    answers: int  # how many people answered it
    hidden: bool  # fewer than 3 answers: no counts
    bars: list[Bar]  # one per option or scale value, in order; empty for text and hidden
    mean: float | None

    @property
    def mean_display(self) -> str:
        """The mean with one decimal, as the current language writes numbers ("4,2")."""
        return formats.number_format(round(self.mean or 0, 1), 1)

    @property
    def counts(self) -> dict[str, int]:
        """As the API shows it: counts per option or scale value; for text the number of
        answers; nothing for a question with fewer than 3 answers."""
        if self.hidden:
            return {}
        if self.kind == "text":
            return {"answers": self.answers}
        return {bar.label: bar.count for bar in self.bars}


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    questions: list[SummaryQuestion]


def published_summary(edition) -> FeedbackSummary | None:
    """The edition's published feedback summary, or None while none is published."""
    survey = Survey.objects.filter(edition=edition, summary_published=True).first()
    if survey is None:
        return None
    report = build_report(survey, full=False)
    return FeedbackSummary(
        responses=report.responses,
        questions=[
            SummaryQuestion(
                id=q.id,
                text=q.text,
                kind=q.kind,
                answers=q.answers,
                hidden=q.hidden,
                bars=q.bars,
                mean=q.mean,
            )
            for q in report.questions
        ],
    )
