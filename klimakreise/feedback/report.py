"""The survey's results, counted in a fixed number of queries, with nobody's answer traceable.

Only aggregates leave this module: counts per option or scale value, the mean of a scale, free
texts without any name or order of arrival, and a breakdown per circle of the own-circle rating.
Any group of fewer than MIN_GROUP_SIZE answers is marked `hidden` and carries no counts.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from klimakreise.circles.models import Circle
from klimakreise.feedback import queries
from klimakreise.feedback.models import MIN_GROUP_SIZE, Answer, Question


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float  # of the answers to the question, 0..1


@dataclass(frozen=True)
class CircleRating:
    name: str
    answers: int
    hidden: bool  # fewer than MIN_GROUP_SIZE answers: neither mean nor counts shown
    mean: float | None
    bars: list[Bar] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionReport:
    id: int
    text: str
    kind: str
    kind_label: str
    answers: int  # how many people answered it
    hidden: bool
    bars: list[Bar]  # empty for free texts and hidden questions
    mean: float | None  # scales only
    texts: list[str] = field(default_factory=list)  # organizers' report only
    circles: list[CircleRating] = field(default_factory=list)  # organizers' report only

    @property
    def counts(self) -> dict[str, int]:
        return {bar.label: bar.count for bar in self.bars}


@dataclass(frozen=True)
class Report:
    responses: int
    hidden: bool  # fewer than MIN_GROUP_SIZE responses in all: nothing is shown
    questions: list[QuestionReport]


def build_report(survey, *, full: bool = True) -> Report:
    """The report of `survey`; `full` adds free texts and the per-circle breakdown, which only
    organizers see."""
    questions = queries.questions_of(survey_id=survey.pk)
    responses = sum(row.n for row in queries.response_count(survey_id=survey.pk))
    counts = defaultdict(dict)
    for row in queries.value_counts(survey_id=survey.pk):
        counts[row.question_id][row.value] = row.n
    answered = {row.question_id: row.n for row in queries.answered_counts(survey_id=survey.pk)}
    texts, circles = {}, []
    if full:
        answers = survey_answers(survey)
        texts, circles = _texts(answers), _circle_ratings(survey, questions, answers)
    hidden = responses < MIN_GROUP_SIZE
    reports = [
        _question(q, counts[q.id], answered.get(q.id, 0), hidden, texts, circles) for q in questions
    ]
    return Report(responses=responses, hidden=hidden, questions=reports)


def survey_answers(survey):
    return Answer.objects.filter(question__survey=survey).order_by()


def _texts(answers) -> dict[int, list[str]]:
    """Free texts per question, sorted alphabetically: neither who wrote them nor when."""
    texts = defaultdict(list)
    for question_id, text in answers.exclude(text="").values_list("question_id", "text"):
        texts[question_id].append(text)
    return {q: sorted(t, key=str.casefold) for q, t in texts.items()}


def _question(question, counts, answered, survey_hidden, texts, circles) -> QuestionReport:
    hidden = survey_hidden or answered < MIN_GROUP_SIZE
    is_scale = question.kind == Question.Kind.SCALE
    return QuestionReport(
        id=question.id,
        text=question.text,
        kind=question.kind,
        kind_label=question.get_kind_display(),
        answers=answered,
        hidden=hidden,
        bars=[] if hidden else bars(question.values, counts, answered),
        mean=None if hidden or not is_scale else mean(counts),
        texts=[] if hidden else texts.get(question.id, []),
        circles=circles if question.rates_own_circle and not hidden else [],
    )


def bars(values: list[str], counts: dict[str, int], total: int) -> list[Bar]:
    return [
        Bar(label=v, count=counts.get(v, 0), share=counts.get(v, 0) / total if total else 0)
        for v in values
    ]


def mean(counts: dict[str, int]) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    return sum(int(value) * n for value, n in counts.items() if value.isdigit()) / total


def _circle_ratings(survey, questions, answers) -> list[CircleRating]:
    """The own-circle rating per circle of the edition (answers given in no circle are left
    out); a circle with fewer than MIN_GROUP_SIZE answers shows no numbers."""
    question = next((q for q in questions if q.rates_own_circle), None)
    if question is None:
        return []
    per_circle = defaultdict(dict)
    rows = answers.filter(question__rates_own_circle=True, response__circle__isnull=False)
    for row in rows.values("response__circle_id", "value").annotate(n=Count("id")):
        per_circle[row["response__circle_id"]][row["value"]] = row["n"]
    circles = Circle.objects.filter(edition_id=survey.edition_id).select_related("topic")
    return [
        _circle_rating(circle.name, per_circle.get(circle.pk, {}), question.values)
        for circle in circles.order_by("topic__position", "topic__title", "index")
    ]


def _circle_rating(name, counts, values) -> CircleRating:
    total = sum(counts.values())
    if total < MIN_GROUP_SIZE:
        return CircleRating(name=name, answers=0, hidden=True, mean=None)  # not even the count
    return CircleRating(
        name=name, answers=total, hidden=False, mean=mean(counts), bars=bars(values, counts, total)
    )
