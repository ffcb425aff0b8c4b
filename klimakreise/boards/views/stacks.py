"""Stacks of similar cards: stack a card with another (a form per card, or dropping a card onto
another), rename a stack, take a card out, dissolve a stack. Like the card changes: access first,
counted against the person's rate limit, and what the viewer may not read answers 404."""

from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimakreise.boards import services
from klimakreise.boards.forms import StackForm, StackTitleForm, VersionForm
from klimakreise.boards.reading import readable_card, readable_stack
from klimakreise.boards.views.common import after_change, refuse_invalid
from klimakreise.boards.views.limits import load_for_change, refuse_too_many

DEFAULT_TITLE_CHARS = 60


@require_POST
@refuse_too_many
def card_stack(request, pk, card_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    if readable_card(circle, viewer, card_id) is None:  # also: unseen while hidden
        raise Http404
    form = StackForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    first, title = _stacked_onto(circle, viewer, *form.target_kind_and_id)
    try:
        services.stack_cards(
            circle=circle,
            card_ids=[first.pk, card_id],
            versions={card_id: form.cleaned_data["version"]},
            title=form.cleaned_data["title"] or title,
            actor=viewer.actor,
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request, circle, viewer, message=_("Card stacked."), anchor=f"#card-{card_id}"
    )


def _stacked_onto(circle, viewer, kind, target_id):
    """The card to stack onto (for a stack: its first card) and a title for a new stack: the
    beginning of that card's text, until someone renames it."""
    if kind == "stack":
        stack = readable_stack(circle, viewer, target_id)
        first = stack.cards.order_by("position", "id").first() if stack else None
    else:
        first = readable_card(circle, viewer, target_id)
    if first is None:
        raise Http404
    line = first.text.strip().splitlines()[0] if first.text.strip() else _("Stack")
    return first, Truncator(line).chars(DEFAULT_TITLE_CHARS)


@require_POST
@refuse_too_many
def card_unstack(request, pk, card_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    if readable_card(circle, viewer, card_id) is None:
        raise Http404
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        services.unstack_card(
            circle=circle, card_id=card_id, version=form.cleaned_data["version"], actor=viewer.actor
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request,
        circle,
        viewer,
        message=_("Card taken out of the stack."),
        anchor=f"#card-{card_id}",
    )


@require_POST
@refuse_too_many
def stack_rename(request, pk, stack_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    if readable_stack(circle, viewer, stack_id) is None:
        raise Http404
    form = StackTitleForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        services.rename_stack(
            circle=circle, stack_id=stack_id, actor=viewer.actor, **form.cleaned_data
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request, circle, viewer, message=_("Stack renamed."), anchor=f"#stack-{stack_id}"
    )


@require_POST
@refuse_too_many
def stack_dissolve(request, pk, stack_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    if readable_stack(circle, viewer, stack_id) is None:
        raise Http404
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        services.dissolve_stack(
            circle=circle,
            stack_id=stack_id,
            version=form.cleaned_data["version"],
            actor=viewer.actor,
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(request, circle, viewer, message=_("Stack dissolved."))
