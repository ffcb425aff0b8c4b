"""The facilitator console: every circle of an edition at a glance, and actions that reach every
circle at once or one of them (services.facilitation). "Online" counts the people whose board
stream is open, across app processes (boards/presence.py)."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klimakreise.boards.forms import ConsoleForm
from klimakreise.boards.models import Card, CardChange, CircleState, DotVote
from klimakreise.boards.presence import online_count_of_circle
from klimakreise.boards.services import BoardError, facilitation
from klimakreise.boards.views.common import after_change, load, refuse_invalid
from klimakreise.circles.models import CircleMember
from klimakreise.editions.access import organizer_view


def _count(queryset) -> Coalesce:
    """The number of `queryset`'s rows of the outer circle, as a subquery (joins would multiply
    members by cards by changes)."""
    counted = queryset.filter(circle=OuterRef("pk")).order_by().values("circle")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def _circles(edition):
    """The edition's circles with their figures: one query however many circles there are."""
    open_vote = DotVote.objects.filter(circle=OuterRef("pk"), status=DotVote.Status.OPEN)
    newest = CardChange.objects.filter(circle=OuterRef("pk")).order_by("-at").values("at")[:1]
    return (
        edition.circles.select_related("board_state", "topic")
        .annotate(
            member_count=_count(CircleMember.objects),
            card_count=_count(Card.objects),
            last_activity=Subquery(newest),
            vote_open=Exists(open_vote),
            online_count=online_count_of_circle(),
        )
        .order_by("index", "pk")
    )


@organizer_view
@require_GET
def console(request, scope):
    return _page(
        request, scope.edition, ConsoleForm(circles=scope.edition.circles.select_related("topic"))
    )


def _page(request, edition, form, status=200):
    circles = list(_circles(edition))
    for circle in circles:
        circle.state = getattr(circle, "board_state", None) or CircleState(circle=circle)
    context = {"edition": edition, "circles": circles, "form": form}
    return render(request, "boards/console.html", context, status=status)


@organizer_view
@require_POST
def console_action(request, scope):
    edition = scope.edition
    form = ConsoleForm(request.POST, circles=edition.circles.select_related("topic"))
    if not form.is_valid():
        return _page(request, edition, form, status=422)
    try:
        run_action(form.cleaned_data, actor={"actor_user": request.user})
    except BoardError as refused:
        form.add_error(None, refused.message)
        return _page(request, edition, form, status=422)
    messages.success(request, _("Done."))
    return redirect("boards:console", slug=edition.slug)


def run_action(data, *, actor) -> None:
    """One console action on the chosen circles (also used by a moderator for their circle)."""
    circles, action = list(data["circles"]), data["action"]
    actions = {
        "timer": lambda: facilitation.start_timer(
            circles=circles, minutes=data["minutes"], actor=actor
        ),
        "stop_timer": lambda: facilitation.stop_timer(circles=circles, actor=actor),
        "broadcast": lambda: facilitation.broadcast(
            circles=circles, text=data["text"], actor=actor
        ),
        "plenary": lambda: facilitation.call_to_plenary(circles=circles, actor=actor),
        "hide": lambda: facilitation.set_phase(
            circles=circles, phase=CircleState.Phase.HIDDEN_WRITING, actor=actor
        ),
        "reveal": lambda: facilitation.set_phase(
            circles=circles, phase=CircleState.Phase.OPEN, actor=actor
        ),
        "lock": lambda: facilitation.set_board_locked(circles=circles, locked=True, actor=actor),
        "unlock": lambda: facilitation.set_board_locked(circles=circles, locked=False, actor=actor),
    }
    actions[action]()


@require_POST
def circle_facilitate(request, pk):
    """A moderator (or organizer) runs a console action on this one circle."""
    circle, viewer = load(request, pk, need="can_manage")
    form = ConsoleForm(request.POST, circles=[circle], all_allowed=False)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        run_action(form.cleaned_data, actor=viewer.actor)
    except BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(request, circle, viewer, message=_("Done."))
