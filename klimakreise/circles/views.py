"""Organizer pages of the circle assignment: run, review and adjust, lock, publish.

Every view checks access first through the one organizer check (klimakreise.editions.access).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klimakreise.assignment import AssignmentError
from klimakreise.circles import services
from klimakreise.circles.evaluation import evaluate_run
from klimakreise.circles.forms import MINIMUM_PREFIX, ConfirmForm, MoveForm, PinForm, RunForm
from klimakreise.circles.membership_views import render_confirmation
from klimakreise.circles.models import AssignmentRun, CircleMember, TopicPin
from klimakreise.circles.problem import registered, standing_pins
from klimakreise.circles.solver_messages import describe_solver_error
from klimakreise.circles.summary import lock_summary, publish_summary
from klimakreise.editions.access import organizer_view
from klimakreise.organizations.models import Sector


def _run_or_404(scope, pk) -> AssignmentRun:
    run = get_object_or_404(AssignmentRun, pk=pk, edition=scope.edition)
    run.edition = scope.edition
    return run


def _sectors(edition):
    return Sector.objects.filter(series_id=edition.series_id)


def _overview_url(scope) -> str:
    return reverse("circles:assignment", kwargs={"slug": scope.edition.slug})


def _proposal_url(run) -> str:
    return reverse("circles:proposal", kwargs={"slug": run.edition.slug, "pk": run.pk})


def _run_form_initial(run: AssignmentRun | None) -> dict:
    if run is None:
        return {}
    initial = {MINIMUM_PREFIX + slug: count for slug, count in run.rules.items()}
    return {**initial, "time_limit": run.time_limit, "seed": run.seed, "keep_moves_from": run.pk}


def _render_overview(request, scope, *, run_form=None, pin_form=None, solver_error="", status=200):
    edition = scope.edition
    runs = AssignmentRun.objects.filter(edition=edition).select_related("created_by")[:20]
    locked_run = next((r for r in runs if not r.is_proposed), None)
    people = list(registered(edition).only("pk", "email", "name"))
    names = {person.pk: person.name for person in people}
    chosen = {p.registration_id: p for p in TopicPin.objects.filter(edition=edition)}
    pins = sorted(
        (
            (names[pk], pin, chosen.get(pk))
            for pk, pin in standing_pins(edition, people).items()
            if pk in names
        ),
        key=lambda item: item[0].lower(),
    )
    context = {
        "scope": scope,
        "edition": edition,
        "runs": runs,
        "locked_run": locked_run,
        "unassigned": _unassigned_count(edition, people) if locked_run else 0,
        "registered": len(people),
        "pins": pins,
        "run_form": run_form or RunForm(sectors=_sectors(edition)),
        "pin_form": pin_form or PinForm(edition=edition),
        "solver_error": solver_error,
    }
    return render(request, "circles/assignment.html", context, status=status)


def _unassigned_count(edition, people) -> int:
    placed = set(
        CircleMember.objects.filter(circle__edition=edition).values_list(
            "registration_id", flat=True
        )
    )
    return sum(1 for person in people if person.pk not in placed)


@organizer_view
def assignment(request, scope):
    return _render_overview(request, scope)


@organizer_view
@require_POST
def run(request, scope):
    form = RunForm(request.POST, sectors=_sectors(scope.edition))
    if not form.is_valid():
        return _render_overview(request, scope, run_form=form, status=400)
    base_pk = form.cleaned_data["keep_moves_from"]
    base = _run_or_404(scope, base_pk) if base_pk else None
    try:
        new_run = services.run_assignment(
            edition=scope.edition,
            user=request.user,
            minimums=form.minimums(),
            time_limit=form.cleaned_data["time_limit"],
            seed=form.cleaned_data["seed"],
            keep_moves_from=base,
        )
    except AssignmentError as problem:
        message = describe_solver_error(problem, edition=scope.edition)
        return _render_overview(request, scope, run_form=form, solver_error=message)
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(_overview_url(scope))
    messages.success(request, _("The solver made a new proposal."))
    return redirect(_proposal_url(new_run))


@organizer_view
def proposal(request, scope, pk):
    run = _run_or_404(scope, pk)
    evaluated = evaluate_run(run)
    context = {
        "scope": scope,
        "edition": scope.edition,
        "run": run,
        "proposal": evaluated,
        "run_form": RunForm(initial=_run_form_initial(run), sectors=_sectors(scope.edition)),
    }
    return render(request, "circles/proposal.html", context)


@organizer_view
@require_POST
def move(request, scope, pk):
    run = _run_or_404(scope, pk)
    form = MoveForm(request.POST, run=run, targets=evaluate_run(run).targets)
    if not form.is_valid():
        errors = [f"{form[name].label or name}: {' '.join(e)}" for name, e in form.errors.items()]
        messages.error(request, _("The person was not moved. %(errors)s") % {"errors": errors[0]})
        return redirect(_proposal_url(run))
    placement = form.cleaned_data["placement"]
    try:
        delta = services.move_person(
            run=run,
            placement=placement,
            topic=form.cleaned_data["topic"],
            index=form.cleaned_data["index"],
        )
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(_proposal_url(run))
    messages.success(
        request,
        _("%(name)s was moved. Cost change: %(delta)+g.")
        % {"name": placement.registration.name, "delta": delta},
    )
    return redirect(_proposal_url(run) + f"#person-{placement.pk}")


def _lock_texts() -> dict:
    return {
        "title": _("Lock this assignment?"),
        "intro": _(
            "Locking creates the circles and their members. Afterwards, participants can no "
            "longer change their wishes and no other proposal can be locked. Locking sends no "
            "email; publishing does, in a second step."
        ),
        "button": _("Lock this assignment"),
    }


def _publish_texts() -> dict:
    return {
        "title": _("Publish the assignment?"),
        "intro": _(
            "Publishing emails each participant their circle, its moderator, the time and the "
            "video room, and each moderator the member list. Nobody gets a second copy."
        ),
        "button": _("Publish the assignment"),
    }


def _confirm_or_run(request, scope, run, *, summarize, texts, action_name):
    """GET: the summary and a confirmation box. POST without the box ticked: the same page
    again, nothing changed. Returns None when the organizer confirmed."""
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return None
    action = reverse(f"circles:{action_name}", kwargs={"slug": run.edition.slug, "pk": run.pk})
    return render_confirmation(
        request,
        scope,
        form=form,
        summary=summarize(run),
        texts={**texts, "run": run},
        action=action,
        status=400 if request.method == "POST" else 200,
    )


@organizer_view
@require_http_methods(["GET", "POST"])
def lock(request, scope, pk):
    run = _run_or_404(scope, pk)
    page = _confirm_or_run(
        request, scope, run, summarize=lock_summary, texts=_lock_texts(), action_name="lock"
    )
    if page is not None:
        return page
    try:
        circles = services.lock_run(run=run)
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(_proposal_url(run))
    messages.success(
        request,
        _("The assignment is locked: %(count)s circles were set up.") % {"count": len(circles)},
    )
    return redirect(_overview_url(scope))


@organizer_view
@require_http_methods(["GET", "POST"])
def publish(request, scope, pk):
    run = _run_or_404(scope, pk)
    if run.is_proposed:
        messages.error(request, _("Lock the assignment before you publish it."))
        return redirect(_proposal_url(run))
    page = _confirm_or_run(
        request,
        scope,
        run,
        summarize=publish_summary,
        texts=_publish_texts(),
        action_name="publish",
    )
    if page is not None:
        return page
    try:
        count = services.publish_run(run=run)
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(_proposal_url(run))
    messages.success(
        request, _("%(count)s emails are in the outbox (none twice).") % {"count": count}
    )
    return redirect(_overview_url(scope))


@organizer_view
@require_POST
def pin(request, scope):
    form = PinForm(request.POST, edition=scope.edition)
    if not form.is_valid():
        return _render_overview(request, scope, pin_form=form)
    try:
        services.pin_to_topic(edition=scope.edition, user=request.user, **form.cleaned_data)
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(_overview_url(scope))
    messages.success(
        request,
        _("%(name)s is pinned to %(topic)s.")
        % {"name": form.cleaned_data["registration"].name, "topic": form.cleaned_data["topic"]},
    )
    return redirect(_overview_url(scope))


@organizer_view
@require_POST
def unpin(request, scope, pk):
    topic_pin = get_object_or_404(TopicPin, pk=pk, edition=scope.edition)
    try:
        services.unpin(pin=topic_pin)
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The pin was removed."))
    return redirect(_overview_url(scope))
