"""Organizer pages of the feedback survey, under /manage/e/<slug>/feedback/."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from klimakreise.editions.access import organizer_view
from klimakreise.feedback import charts, exports, services
from klimakreise.feedback.forms import QuestionForm, SurveySettingsForm
from klimakreise.feedback.invitations import participants, send_invitations, uninvited
from klimakreise.feedback.links import public_url
from klimakreise.feedback.models import MIN_GROUP_SIZE, Survey
from klimakreise.feedback.report import build_report


def _survey(scope) -> Survey:
    survey = Survey.objects.filter(edition=scope.edition).first()
    if survey is None:
        raise Http404
    survey.edition = scope.edition  # already loaded with its series
    return survey


def _to_survey(scope):
    return redirect("feedback:survey", slug=scope.edition.slug)


def _survey_context(scope, survey, settings_form=None) -> dict:
    context = {"edition": scope.edition, "scope": scope, "survey": survey}
    if survey is not None:
        context.update(
            questions=survey.questions.all(),
            settings_form=settings_form or SurveySettingsForm(instance=survey),
            responses=survey.responses.count(),
            participants=participants(scope.edition).count(),
            uninvited=uninvited(survey).count(),
            public_url=public_url(survey) if survey.public_link_enabled else "",
            min_group=MIN_GROUP_SIZE,
        )
    return context


@organizer_view
@require_GET
def survey_page(request, scope):
    survey = Survey.objects.filter(edition=scope.edition).first()
    if survey is not None:
        survey.edition = scope.edition
    return render(request, "feedback/survey.html", _survey_context(scope, survey))


@organizer_view
@require_POST
def create(request, scope):
    services.create_survey(edition=scope.edition)
    messages.success(request, _("The survey starts with the default questions."))
    return _to_survey(scope)


@organizer_view
@require_POST
def update_settings(request, scope):
    survey = _survey(scope)
    form = SurveySettingsForm(request.POST, instance=Survey.objects.get(pk=survey.pk))
    if not form.is_valid():
        context = _survey_context(scope, survey, settings_form=form)
        return render(request, "feedback/survey.html", context, status=400)
    services.update_survey(survey=survey, **form.cleaned_data)
    messages.success(request, _("The survey settings are saved."))
    return _to_survey(scope)


@organizer_view
@require_http_methods(["GET", "POST"])
def add_question(request, scope):
    survey = _survey(scope)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(survey=survey, **form.cleaned_data)
        except services.FeedbackError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The question is added."))
        return _to_survey(scope)
    status = 400 if form.is_bound else 200
    context = {"edition": scope.edition, "scope": scope, "survey": survey, "form": form}
    return render(request, "feedback/question_form.html", context, status=status)


@organizer_view
@require_POST
def delete_question(request, scope, pk):
    survey = _survey(scope)
    question = get_object_or_404(survey.questions, pk=pk)
    try:
        services.delete_question(question=question)
    except services.FeedbackError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question is deleted."))
    return _to_survey(scope)


@organizer_view
@require_POST
def invite(request, scope):
    survey = _survey(scope)
    if not survey.accepts_answers():
        messages.error(request, _("Open the survey first; then the invitations can be sent."))
        return _to_survey(scope)
    if not services.event_has_ended(scope.edition):
        messages.error(
            request,
            _("The invitations can be sent once the event has ended; nothing was sent."),
        )
        return _to_survey(scope)
    count = send_invitations(survey=survey)
    messages.success(request, _("Invitations queued: %(count)s.") % {"count": count})
    return _to_survey(scope)


@organizer_view
@require_POST
def publish(request, scope):
    survey = _survey(scope)
    published = request.POST.get("published") == "1"
    try:
        services.publish_summary(survey=survey, published=published)
    except services.FeedbackError as error:
        messages.error(request, str(error))
    else:
        if published and not scope.edition.results_are_published:
            messages.success(
                request,
                _("The summary is published; it appears once the results are published."),
            )
        elif published:
            messages.success(request, _("The summary is published on the results page."))
        else:
            messages.success(request, _("The summary is no longer published."))
    return redirect("feedback:report", slug=scope.edition.slug)


@organizer_view
@require_GET
def report(request, scope):
    survey = _survey(scope)
    result = build_report(survey)
    by_question = charts.report_charts(result)
    context = {
        "edition": scope.edition,
        "scope": scope,
        "survey": survey,
        "report": result,
        "items": [(q, by_question.get(q.id)) for q in result.questions],
        "min_group": MIN_GROUP_SIZE,
    }
    return render(request, "feedback/report.html", context)


@organizer_view
@require_GET
def report_csv(request, scope):
    survey = _survey(scope)
    return exports.csv_response(build_report(survey), edition=scope.edition)


@organizer_view
@require_GET
def report_xlsx(request, scope):
    survey = _survey(scope)
    return exports.xlsx_response(build_report(survey), edition=scope.edition)
