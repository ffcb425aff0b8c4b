"""Dot-voting: staff open and close a vote; participants place and take back their dots."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from klimakreise.boards import services
from klimakreise.boards.forms import DotForm, OpenVoteForm
from klimakreise.boards.views.common import after_change, refuse_invalid
from klimakreise.boards.views.limits import load_for_change, refuse_too_many


@require_POST
@refuse_too_many
def vote_open(request, pk):
    circle, viewer = load_for_change(request, pk, need="can_manage")
    form = OpenVoteForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        services.open_vote(circle=circle, actor=viewer.actor, **form.cleaned_data)
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(request, circle, viewer, message=_("The dot vote is open."))


@require_POST
@refuse_too_many
def vote_close(request, pk):
    circle, viewer = load_for_change(request, pk, need="can_manage")
    try:
        services.close_vote(circle=circle, actor=viewer.actor)
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(request, circle, viewer, message=_("The dot vote is closed."))


@require_POST
@refuse_too_many
def dot(request, pk, card_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    form = DotForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    change = services.place_dot if form.cleaned_data["action"] == "add" else services.remove_dot
    try:
        left = change(circle=circle, card_id=card_id, voter_key=viewer.voter_key)
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    message = ngettext("Saved. You have %(n)s dot left.", "Saved. You have %(n)s dots left.", left)
    return after_change(
        request, circle, viewer, message=message % {"n": left}, anchor=f"#card-{card_id}"
    )
