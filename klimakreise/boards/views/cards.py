"""Changing cards: add, edit (on its own page: a refresh never touches the text), move, remove.
A conflicting edit is merged by the service (services.merge_card_edit); here it is only shown."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klimakreise.boards import services
from klimakreise.boards.forms import AddCardForm, EditCardForm, MoveCardForm, VersionForm
from klimakreise.boards.models import Card
from klimakreise.boards.reading import readable_card
from klimakreise.boards.services.merge import CONTENT_FIELDS, FieldMerge, as_text
from klimakreise.boards.views.common import after_change, first_error, is_htmx, refuse_invalid
from klimakreise.boards.views.limits import load_for_change, refuse_too_many
from klimakreise.boards.views.workspace import render_workspace


@require_POST
@refuse_too_many
def card_add(request, pk):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    form = AddCardForm(request.POST)
    if not form.is_valid():
        if is_htmx(request):
            return _refused_add_form(request, circle, form)
        return render_workspace(request, circle, viewer, add_form=form, status=422)
    try:
        card = services.add_card(circle=circle, actor=viewer.actor, **form.cleaned_data)
    except services.BoardError as refused:  # the board is locked
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request, circle, viewer, message=_("Card added."), anchor=f"#card-{card.pk}"
    )


def _refused_add_form(request, circle, form):
    """The add form again with its errors at the fields (422): the full form below the board,
    or a column's quick-add field (marked `quick`), which keeps what was typed."""
    column = request.POST.get("column", "")
    if request.POST.get("quick") and column in Card.Column.values:
        context = {
            "circle": circle,
            "column_value": column,
            "column_label": Card.Column(column).label,
            "quick_text": request.POST.get("text", ""),
            "quick_error": first_error(form),
        }
        template, target = "boards/_quick_add_form.html", f"#quick-add-{column}"
    else:
        context = {"circle": circle, "add_form": form}
        template, target = "boards/_add_card_form.html", "#add-card-form"
    response = render(request, template, context, status=422)
    response["HX-Retarget"] = target
    response["HX-Reswap"] = "outerHTML"
    return response


@require_http_methods(["GET", "POST"])
@refuse_too_many
def card_edit(request, pk, card_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    # While writing is hidden a member may open only their own cards (boards.reading).
    card = readable_card(circle, viewer, card_id)
    if request.method != "POST":
        if card is None:
            raise Http404
        initial = {f: getattr(card, f) for f in ("text", "responsible", "due_date", "status")}
        initial |= EditCardForm.seen_values(card) | {"version": card.version}
        form = EditCardForm(initial=initial)
        return _edit_page(request, circle, card, form)
    form = EditCardForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, circle, card, form, status=422)
    try:
        services.edit_card(
            circle=circle, card_id=card_id, actor=viewer.actor, **form.content_and_version()
        )
    except services.StaleEdit as conflict:
        return _conflict_page(request, circle, card, form, conflict)
    except services.BoardError as refused:  # the board is locked
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request, circle, viewer, message=_("Card saved."), anchor=f"#card-{card_id}"
    )


def _edit_page(request, circle, card, form, *, status=200, conflict=None, comparison=None):
    context = {
        "circle": circle,
        "card": card,
        "form": form,
        "conflict": conflict,
        "comparison": comparison,
    }
    return render(request, "boards/card_edit.html", context, status=status)


def _conflict_page(request, circle, card, form, conflict):
    """Show the newer version next to what the person submitted, field by field. The form to
    save again holds the merge (services.merge_card_edit): the person's own changes, the newer
    value of every field they did not change, based on the newer version, so that saving again
    overwrites nothing unseen."""
    current = conflict.current
    if current is None:  # removed meanwhile: nothing to save again; the text is shown to copy
        return _edit_page(request, circle, card, form, status=409, conflict=conflict)
    merge = services.merge_card_edit(current=current, submitted=form.cleaned_data, seen=form.seen())
    data = request.POST.copy()
    data.update(merge.values)
    data["version"] = merge.version
    data.update(EditCardForm.seen_values(current))
    return _edit_page(
        request,
        circle,
        current,
        EditCardForm(data),
        status=409,
        conflict=conflict,
        comparison=_shown_merge(form, merge),
    )


@dataclass(frozen=True)
class ShownField:
    """A row of the conflict comparison: a merged field with its label and values as shown."""

    label: str
    newer: str
    yours: str
    merge: FieldMerge


def _shown_merge(form, merge) -> list[ShownField]:
    labels = {name: form.fields[name].label for name in CONTENT_FIELDS} | {"column": _("Column")}
    return [
        ShownField(
            label=labels[row.name],
            newer=_shown(row.name, row.newer),
            yours=_shown(row.name, row.yours),
            merge=row,
        )
        for row in merge.fields
    ]


def _shown(name, value) -> str:
    """A value as the board shows it: localized date, status and column names."""
    if name == "due_date" and value:
        if not isinstance(value, datetime.date):
            try:
                value = datetime.date.fromisoformat(str(value))
            except ValueError:
                return str(value)
        return date_format(value, "SHORT_DATE_FORMAT")
    choices = {"status": Card.Status, "column": Card.Column}.get(name)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return as_text(value)


@require_POST
@refuse_too_many
def card_move(request, pk, card_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    if readable_card(circle, viewer, card_id) is None:  # also: unseen while hidden
        raise Http404
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
            position=form.cleaned_data["position"],
            actor=viewer.actor,
        )
    except services.BoardError as refused:
        return after_change(request, circle, viewer, message=refused.message, ok=False)
    return after_change(
        request, circle, viewer, message=_("Card moved."), anchor=f"#card-{card_id}"
    )


@require_POST
@refuse_too_many
def card_remove(request, pk, card_id):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    if readable_card(circle, viewer, card_id) is None:  # also: unseen while hidden
        raise Http404
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
