"""Changing cards: add, edit (on its own page: a refresh never touches the text), move, remove."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klimakreise.boards import services
from klimakreise.boards.forms import AddCardForm, EditCardForm, MoveCardForm, VersionForm
from klimakreise.boards.models import Card
from klimakreise.boards.views.common import after_change, is_htmx, load, refuse_invalid
from klimakreise.boards.views.workspace import render_workspace


@require_POST
def card_add(request, pk):
    circle, viewer = load(request, pk, need="can_edit")
    form = AddCardForm(request.POST)
    if not form.is_valid():
        if is_htmx(request):
            response = render(
                request,
                "boards/_add_card_form.html",
                {"circle": circle, "add_form": form},
                status=422,
            )
            response["HX-Retarget"] = "#add-card-form"
            response["HX-Reswap"] = "outerHTML"
            return response
        return render_workspace(request, circle, viewer, add_form=form, status=422)
    card = services.add_card(circle=circle, actor=viewer.actor, **form.cleaned_data)
    return after_change(
        request, circle, viewer, message=_("Card added."), anchor=f"#card-{card.pk}"
    )


@require_http_methods(["GET", "POST"])
def card_edit(request, pk, card_id):
    circle, viewer = load(request, pk, need="can_edit")
    card = Card.objects.filter(pk=card_id, circle=circle).first()
    if request.method != "POST":
        if card is None:
            raise Http404
        initial = {f: getattr(card, f) for f in ("text", "responsible", "due_date", "status")}
        form = EditCardForm(initial=initial | {"version": card.version})
        return _edit_page(request, circle, card, form)
    form = EditCardForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, circle, card, form, status=422)
    try:
        services.edit_card(circle=circle, card_id=card_id, actor=viewer.actor, **form.cleaned_data)
    except services.StaleEdit as conflict:
        return _conflict_page(request, circle, card, form, conflict)
    return after_change(
        request, circle, viewer, message=_("Card saved."), anchor=f"#card-{card_id}"
    )


def _edit_page(request, circle, card, form, *, status=200, conflict=None):
    context = {"circle": circle, "card": card, "form": form, "conflict": conflict}
    return render(request, "boards/card_edit.html", context, status=status)


def _conflict_page(request, circle, card, form, conflict):
    """Keep the person's text in the form; show the newer one; saving again replaces it."""
    data = request.POST.copy()
    if conflict.current is not None:
        data["version"] = conflict.current.version
    return _edit_page(request, circle, card, EditCardForm(data), status=409, conflict=conflict)


@require_POST
def card_move(request, pk, card_id):
    circle, viewer = load(request, pk, need="can_edit")
    form = MoveCardForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        services.move_card(
            circle=circle,
            card_id=card_id,
            version=form.cleaned_data["version"],
            column=form.cleaned_data["column"] or None,
            offset=form.offset,
            actor=viewer.actor,
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request, circle, viewer, message=_("Card moved."), anchor=f"#card-{card_id}"
    )


@require_POST
def card_remove(request, pk, card_id):
    circle, viewer = load(request, pk, need="can_edit")
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refuse_invalid(request, circle, viewer, form)
    try:
        services.remove_card(
            circle=circle, card_id=card_id, version=form.cleaned_data["version"], actor=viewer.actor
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(request, circle, viewer, message=_("Card removed."))
