"""The published summary: what the public sees of the survey on the results page and in the API.

`published_summary(edition)` is the one entry point for the public (results page, API): counts
per option or scale value only, free texts as their number, no breakdown per circle. It shows
something only when organizers published the summary, the survey is closed (no answer can move
the counts any more) and the edition's results are published (the editions layer's
`Edition.results_are_published`, the rule the results page and API use). It runs a fixed number
of queries (at most two when nothing is shown). The funder report reads the same
aggregates whether published or not (`edition_summary`), and for a series only each edition's
number of responses and overall rating (`overall_ratings`).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import formats

from klimakreise.feedback import queries
from klimakreise.feedback.models import MIN_GROUP_SIZE, Answer, Question, Survey
from klimakreise.feedback.report import Bar, build_report, mean


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
    def rows(self) -> list[tuple[str, int, int, int]]:
        """The bars as the results page draws them: label, count, share in percent and the
        bar's width (190 for the largest count), rounded as Python rounds."""
        largest = max((bar.count for bar in self.bars), default=0) or 1
        return [
            (bar.label, bar.count, round(bar.share * 100), round(190 * bar.count / largest))
            for bar in self.bars
        ]

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
    """The edition's published feedback summary, or None while the summary, the survey's closing
    or the edition's results are not (yet) there."""
    if not edition.results_are_published:
        return None
    for survey in queries.published_survey(edition_id=edition.pk):
        return None if survey.accepts_answers() else summarize(survey)
    return None


def edition_summary(edition) -> FeedbackSummary | None:
    """The same aggregates for the organizers' funder report, published or not; None without a
    survey."""
    survey = Survey.objects.filter(edition=edition).first()
    return None if survey is None else summarize(survey)


def summarize(survey) -> FeedbackSummary:
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


@dataclass(frozen=True)
class OverallRating:
    responses: int
    mean: float | None  # None with fewer than MIN_GROUP_SIZE answers


def overall_ratings(editions) -> dict[int, OverallRating]:
    """edition id → its responses and the mean of its overall rating: the first scale question
    that does not rate the own circle (the default questionnaire's first question). Three
    queries however many editions (one without any survey)."""
    surveys = Survey.objects.filter(edition__in=editions).annotate(
        response_count=Count("responses", distinct=True)
    )
    survey_editions = {s.pk: (s.edition_id, s.response_count) for s in surveys}
    if not survey_editions:
        return {}
    overall = {}
    scales = Question.objects.filter(
        survey__in=list(survey_editions), kind=Question.Kind.SCALE, rates_own_circle=False
    ).order_by("survey_id", "position")
    for question in scales:
        overall.setdefault(question.survey_id, question.pk)
    counts = defaultdict(dict)
    rows = Answer.objects.filter(question__in=overall.values()).exclude(value="")
    for row in rows.values("question_id", "value").annotate(n=Count("id")).order_by():
        counts[row["question_id"]][row["value"]] = row["n"]
    ratings = {}
    for survey_id, (edition_id, responses) in survey_editions.items():
        given = counts.get(overall.get(survey_id), {})
        shown = responses >= MIN_GROUP_SIZE and sum(given.values()) >= MIN_GROUP_SIZE
        ratings[edition_id] = OverallRating(responses, mean(given) if shown else None)
    return ratings
