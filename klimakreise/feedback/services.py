"""Every write of the feedback app: one verb-first function each, in one transaction."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from klimakreise.feedback.defaults import default_questions
from klimakreise.feedback.models import MIN_GROUP_SIZE, Answer, Question, Response, Survey


def event_has_ended(edition, *, now=None) -> bool:
    """Invitations go out and personal links take answers only after the edition's end: feedback
    on an event that has not happened yet is no feedback."""
    return edition.end <= (now or timezone.now())


def event_has_started(edition, *, now=None) -> bool:
    """The public link takes answers from the start of the edition on, so that organizers can
    show it at the event."""
    return edition.start <= (now or timezone.now())


class FeedbackError(Exception):
    """A write refused for a reason the person can act on; str() is the message."""


class SurveyClosed(FeedbackError):
    pass


class SurveyNotYetOpen(FeedbackError):
    """Personal links take answers only once the edition has ended."""


@transaction.atomic
def create_survey(*, edition) -> Survey:
    """The edition's survey with the default questionnaire (or the existing survey)."""
    survey, created = Survey.objects.get_or_create(edition=edition)
    if created:
        for position, fields in enumerate(default_questions(), start=1):
            Question.objects.create(survey=survey, position=position, **fields)
    return survey


def _questions_changeable(survey) -> None:
    # Answers refer to the options as they were asked; changing them afterwards would mix counts.
    if survey.responses.exists():
        raise FeedbackError(_("Questions cannot be changed once the first answer has arrived."))


@transaction.atomic
def add_question(*, survey, text, kind, options=(), scale_min=1, scale_max=5, required=False):
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _questions_changeable(survey)
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    return Question.objects.create(
        survey=survey,
        position=last + 1,
        text=text,
        kind=kind,
        options=list(options) if kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE) else [],
        scale_min=scale_min,
        scale_max=scale_max,
        required=required,
    )


@transaction.atomic
def delete_question(*, question) -> None:
    _questions_changeable(question.survey)
    question.delete()


@transaction.atomic
def update_survey(*, survey, status, closes_at, public_link_enabled) -> Survey:
    survey.status = status
    survey.closes_at = closes_at
    survey.public_link_enabled = public_link_enabled
    survey.save(update_fields=["status", "closes_at", "public_link_enabled"])
    return survey


@transaction.atomic
def publish_summary(*, survey, published: bool) -> Survey:
    """Show (or hide) the summary on the results page and in the API. A summary needs answers
    from at least MIN_GROUP_SIZE people, so no single person's answer can be read from it, and a
    closed survey, so that its counts no longer move once public (docs/decisions.md)."""
    if published and survey.accepts_answers():
        raise FeedbackError(
            _("Close the survey first; a summary can be published once no more answers come in.")
        )
    if published and survey.responses.count() < MIN_GROUP_SIZE:
        raise FeedbackError(
            _("A summary can be published once at least %(count)s people have answered.")
            % {"count": MIN_GROUP_SIZE}
        )
    survey.summary_published = published
    survey.summary_published_at = timezone.now() if published else None
    survey.save(update_fields=["summary_published", "summary_published_at"])
    return survey


@transaction.atomic
def save_response(*, survey, answers: dict, registration=None, circle=None) -> Response:
    """Store one person's answers ({question: value, list of values or text}). By personal link
    (`registration`) the person's earlier answers are replaced; by the public link each call is
    a new response. Personal-link answers wait for the end of the edition."""
    edition = survey.edition  # loaded by the caller; the lock below is on the survey alone
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.accepts_answers():
        raise SurveyClosed(_("This survey is closed. Thank you for your interest!"))
    if registration is not None and not event_has_ended(edition):
        raise SurveyNotYetOpen(_("The survey opens after the event."))
    if registration is None and not event_has_started(edition):
        raise SurveyNotYetOpen(_("The survey opens when the event begins."))
    now = timezone.now()
    response = None
    if registration is not None:
        response = survey.responses.filter(registration=registration).first()
    if response is None:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey, registration=registration, circle=circle
                )
        except IntegrityError:  # the same person's answer saved at the same moment
            response = survey.responses.get(registration=registration)
    else:
        response.answers.all().delete()
        response.updated_at = now
        response.circle = circle
        response.save(update_fields=["updated_at", "circle"])
    Answer.objects.bulk_create(_answer_rows(response, answers))
    return response


def _answer_rows(response, answers: dict) -> list[Answer]:
    rows = []
    for question, value in answers.items():
        if question.kind == Question.Kind.TEXT:
            if value:
                rows.append(Answer(response=response, question=question, text=value))
        else:
            values = value if isinstance(value, list | tuple) else [value]
            rows += [Answer(response=response, question=question, value=v) for v in values if v]
    return rows
