"""Surveys with their default questions, participants and their answers."""

from datetime import timedelta

from django.utils import timezone

from klimakreise.feedback import services
from klimakreise.feedback.models import Question, Survey
from tests.factories import CircleFactory, EditionFactory, RegistrationFactory


def past_edition(**fields):
    """An edition that ended yesterday."""
    start = timezone.now() - timedelta(days=2)
    fields.setdefault("status", "running")
    return EditionFactory(start=start, end=start + timedelta(hours=5), **fields)


def open_survey(edition, **fields) -> Survey:
    survey = services.create_survey(edition=edition)
    fields.setdefault("status", Survey.Status.OPEN)
    Survey.objects.filter(pk=survey.pk).update(**fields)
    survey.refresh_from_db()
    return survey


def question(survey, kind) -> Question:
    return survey.questions.filter(kind=kind).first()


def answer(
    survey,
    registration=None,
    *,
    overall="4",
    circle_rating="5",
    keep="",
    again=0,
    heard=(0,),
    circle=None,
):
    """One response to the default questions; `again` and `heard` are option indexes."""
    by_position = {q.position: q for q in survey.questions.all()}
    values = {
        by_position[1]: overall,
        by_position[2]: circle_rating,
        by_position[3]: keep,
        by_position[4]: "",
        by_position[5]: by_position[5].options[again],
        by_position[6]: [by_position[6].options[i] for i in heard],
    }
    return services.save_response(
        survey=survey, answers=values, registration=registration, circle=circle
    )


def participants(edition, count: int, **fields):
    return [RegistrationFactory(edition=edition, **fields) for _ in range(count)]


def circle_of(edition, **fields):
    return CircleFactory(topic__edition=edition, **fields)
