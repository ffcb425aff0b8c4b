"""Organizer pages of a locked assignment: its members (move, add, remove, confirm the
suggested circle of late sign-ups), unlocking it, and the confirmation pages of lock, publish
and unlock.

Every view checks access first through the one organizer check (klimakreise.editions.access).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimakreise.circles import services
from klimakreise.circles.forms import MemberAddForm, MemberMoveForm, MemberRemoveForm, UnfixForm
from klimakreise.circles.models import Circle, CircleMember, MembershipChange
from klimakreise.circles.moderator_offers import proposed_moderators
from klimakreise.circles.services.membership import locked_run_of
from klimakreise.circles.suggestions import (
    cached_suggestions,
    compute_suggestions,
    read_membership,
)
from klimakreise.circles.summary import circle_lines, members_of_circles, unfix_summary
from klimakreise.editions.access import organizer_view
from klimakreise.registrations.models import Registration

HISTORY_LENGTH = 20


def members_url(edition) -> str:
    return reverse("circles:members", kwargs={"slug": edition.slug})


def render_confirmation(request, scope, *, form, summary, texts: dict, action: str, status=200):
    """The GET page (and the page again after a POST without confirmation) of an action."""
    context = {
        "scope": scope,
        "edition": scope.edition,
        "form": form,
        "summary": summary,
        "action": action,
        **texts,
    }
    return render(request, "circles/confirm.html", context, status=status)


def _locked_run_or_404(edition):
    run = locked_run_of(edition)
    if run is None:
        return None
    run.edition = edition
    return run


@organizer_view
def members(request, scope):
    edition = scope.edition
    run = _locked_run_or_404(edition)
    if run is None:
        messages.info(request, _("The assignment is not locked yet; there are no members."))
        return redirect("circles:assignment", slug=edition.slug)
    circles = list(members_of_circles(edition))
    for circle, (people, own) in zip(
        circles, proposed_moderators(edition, circles).values(), strict=True
    ):
        circle.proposed_moderators, circle.proposed_are_members = people, own
    membership = read_membership(edition, circles)
    suggestions = cached_suggestions(membership)
    if suggestions is None and request.GET.get("suggest"):
        suggestions = compute_suggestions(edition, membership, rules=run.rules)
    context = {
        "scope": scope,
        "edition": edition,
        "run": run,
        "circles": list(zip(circles, circle_lines(circles, include_empty=True), strict=True)),
        "unassigned": [
            (person, (suggestions or {}).get(person.pk)) for person in membership.unassigned
        ],
        "suggestions_missing": suggestions is None,
        "move_form": MemberMoveForm(edition=edition, prefix="move"),
        "history": MembershipChange.objects.filter(edition=edition).select_related(
            "registration", "from_circle__topic", "to_circle__topic", "actor"
        )[:HISTORY_LENGTH],
    }
    return render(request, "circles/members.html", context)


def _member_or_404(scope, pk) -> CircleMember:
    return get_object_or_404(
        CircleMember.objects.select_related("registration", "circle__edition", "circle__topic"),
        pk=pk,
        circle__edition=scope.edition,
    )


def _done(request, scope, call, success: str):
    """Run a service call; show its refusal or the success message; back to the members."""
    try:
        call()
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, success)
    return redirect(members_url(scope.edition))


def _form_error(request, scope, form):
    errors = [f"{form[name].label or name}: {' '.join(e)}" for name, e in form.errors.items()]
    messages.error(request, _("Nothing was changed. %(errors)s") % {"errors": errors[0]})
    return redirect(members_url(scope.edition))


@organizer_view
@require_POST
def move_member(request, scope, pk):
    member = _member_or_404(scope, pk)
    form = MemberMoveForm(request.POST, edition=scope.edition, prefix="move")
    if not form.is_valid():
        return _form_error(request, scope, form)
    circle = form.cleaned_data["circle"]
    return _done(
        request,
        scope,
        lambda: services.move_member(
            member=member, to_circle=circle, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("%(name)s is now in %(circle)s.") % {"name": member.registration.name, "circle": circle},
    )


@organizer_view
@require_POST
def remove_member(request, scope, pk):
    member = _member_or_404(scope, pk)
    form = MemberRemoveForm(request.POST)
    if not form.is_valid():
        return _form_error(request, scope, form)
    return _done(
        request,
        scope,
        lambda: services.remove_member(
            member=member, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("%(name)s was taken out of %(circle)s.")
        % {"name": member.registration.name, "circle": member.circle},
    )


@organizer_view
@require_POST
def add_member(request, scope):
    form = MemberAddForm(request.POST, edition=scope.edition)
    if not form.is_valid():
        return _form_error(request, scope, form)
    data = form.cleaned_data
    person, circle = data["registration"], data["circle"]

    def call():
        if request.POST.get("suggested"):
            return services.confirm_suggestion(
                registration=person, circle=circle, actor=request.user
            )
        return services.add_member(
            registration=person, circle=circle, actor=request.user, reason=data["reason"]
        )

    success = _("%(name)s is now in %(circle)s.") % {"name": person.name, "circle": circle}
    return _done(request, scope, call, success)


@organizer_view
@require_POST
def choose_moderator(request, scope, pk):
    circle = get_object_or_404(Circle.objects.select_related("topic"), pk=pk, edition=scope.edition)
    raw = request.POST.get("registration", "")
    person = Registration.objects.filter(
        pk=int(raw) if raw.isdigit() else 0, edition=scope.edition
    ).first()
    if person is None:
        # Also the answer for a person of another edition: it names nobody.
        messages.error(request, _("Nothing was changed: choose a person from the list."))
        return redirect(members_url(scope.edition))
    return _done(
        request,
        scope,
        lambda: services.choose_moderator(circle=circle, registration=person, actor=request.user),
        _("%(name)s now moderates %(circle)s.") % {"name": person.name, "circle": circle},
    )


def _unfix_texts() -> dict:
    return {
        "title": _("Unlock the assignment?"),
        "intro": _(
            "Unlocking turns the circles back into a proposal (with every change made since "
            "locking). The circles lose their members, members lose their workspaces until you "
            "lock again, and participants can change their wishes again. No email is sent."
        ),
        "button": _("Unlock the assignment"),
    }


@organizer_view
def unfix(request, scope):
    run = _locked_run_or_404(scope.edition)
    if run is None:
        return redirect("circles:assignment", slug=scope.edition.slug)
    form = UnfixForm(request.POST if request.method == "POST" else None)
    action = reverse("circles:unfix", kwargs={"slug": scope.edition.slug})
    texts = _unfix_texts()
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        summary = unfix_summary(run)
        return render_confirmation(
            request, scope, form=form, summary=summary, texts=texts, action=action, status=status
        )
    try:
        services.unfix_assignment(
            edition=scope.edition, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(members_url(scope.edition))
    messages.success(request, _("The assignment is unlocked; it is a proposal again."))
    return redirect("circles:proposal", slug=scope.edition.slug, pk=run.pk)
