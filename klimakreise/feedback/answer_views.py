"""The participants' survey page: by personal link (one response per person, changeable until
the survey closes) or, where organizers enabled it, by the public anonymous link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from klimakreise.core.origin import from_other_site
from klimakreise.core.ratelimit import over_rate_limit
from klimakreise.feedback import services
from klimakreise.feedback.forms import AnswerForm
from klimakreise.feedback.invitations import participants
from klimakreise.feedback.links import registration_from_token
from klimakreise.feedback.models import Survey

# Answers by the public link per client address: enough for a shared office network, too few to
# stuff the survey (answers by personal link are one per person anyway).
PUBLIC_ANSWER_RATE = "20/h"
# The session key listing the surveys this browser answered by the public link: one answer per
# browser session, as the survey settings promise.
ANSWERED_SESSION_KEY = "feedback_answered"


def _closed(request, survey, status=200):
    return render(
        request,
        "feedback/closed.html",
        {"survey": survey, "edition": survey.edition},
        status=status,
    )


def _not_yet(request, survey, status=200, *, public=False):
    return render(
        request,
        "feedback/not_yet.html",
        {"survey": survey, "edition": survey.edition, "public": public},
        status=status,
    )


def _already_answered(request, survey, status=200):
    return render(
        request,
        "feedback/already_answered.html",
        {"survey": survey, "edition": survey.edition},
        status=status,
    )


def _answered_here(request, survey) -> bool:
    return survey.pk in request.session.get(ANSWERED_SESSION_KEY, [])


def _remember_answered(request, survey) -> None:
    answered = request.session.get(ANSWERED_SESSION_KEY, [])
    request.session[ANSWERED_SESSION_KEY] = [*answered, survey.pk]


def _answer_page(request, survey, form, *, response=None, status=200):
    context = {"survey": survey, "edition": survey.edition, "form": form, "response": response}
    return render(request, "feedback/answer.html", context, status=status)


def _personal_survey(token):
    registration = registration_from_token(token)
    if registration is None:
        raise Http404
    edition = registration.edition
    survey = Survey.objects.filter(edition=edition).exclude(status=Survey.Status.DRAFT).first()
    if survey is None or not participants(edition).filter(pk=registration.pk).exists():
        raise Http404
    survey.edition = edition
    return registration, survey


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    registration, survey = _personal_survey(token)
    refused = 403 if request.method == "POST" else 200
    if not survey.accepts_answers():
        return _closed(request, survey, status=refused)
    if not services.event_has_ended(survey.edition):
        return _not_yet(request, survey, status=refused)
    response = survey.responses.filter(registration=registration).first()
    questions = survey.questions.all()
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions)
        if not form.is_valid():
            return _answer_page(request, survey, form, response=response, status=400)
        try:
            services.save_response(
                survey=survey,
                answers=form.answers(),
                registration=registration,
                circle=registration.circle,
            )
        except services.SurveyClosed:
            return _closed(request, survey, status=403)
        except services.SurveyNotYetOpen:
            return _not_yet(request, survey, status=403)
        messages.success(request, _("Thank you! Your answers are saved."))
        return redirect(request.path)
    initial = AnswerForm.initial_from(response) if response else None
    return _answer_page(
        request, survey, AnswerForm(initial=initial, questions=questions), response=response
    )


def _public_survey(slug, key) -> Survey:
    # A closed survey keeps answering its old public link with the closed page, even when
    # organizers switched the link off on closing: people who kept the link learn why.
    survey = get_object_or_404(
        Survey.objects.select_related("edition__series").exclude(status=Survey.Status.DRAFT),
        edition__slug=slug,
        public_key=key,
    )
    if not survey.public_link_enabled and survey.accepts_answers():
        raise Http404
    return survey


@never_cache
@require_http_methods(["GET", "POST"])
def public_answer(request, slug, key):
    survey = _public_survey(slug, key)
    refused = 403 if request.method == "POST" else 200
    if not survey.accepts_answers():
        return _closed(request, survey, status=refused)
    if _answered_here(request, survey):
        return _already_answered(request, survey, status=refused)
    if not services.event_has_started(survey.edition):
        return _not_yet(request, survey, status=refused, public=True)
    questions = survey.questions.all()
    if request.method == "POST":
        if from_other_site(request):
            raise PermissionDenied
        if over_rate_limit(request, group="feedback-public", rate=PUBLIC_ANSWER_RATE):
            return render(
                request, "feedback/rate_limited.html", {"edition": survey.edition}, status=429
            )
        form = AnswerForm(request.POST, questions=questions)
        if not form.is_valid():
            return _answer_page(request, survey, form, status=400)
        try:
            services.save_response(survey=survey, answers=form.answers())
        except services.SurveyClosed:
            return _closed(request, survey, status=403)
        except services.SurveyNotYetOpen:
            return _not_yet(request, survey, status=403, public=True)
        _remember_answered(request, survey)
        return redirect("feedback:public_thanks", slug=slug, key=key)
    return _answer_page(request, survey, AnswerForm(questions=questions))


@require_GET
def public_thanks(request, slug, key):
    survey = _public_survey(slug, key)
    return render(request, "feedback/thanks.html", {"survey": survey, "edition": survey.edition})
