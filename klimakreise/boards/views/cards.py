"""Changing cards: add, edit (on its own page: a refresh never touches the text), move, remove."""

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
    save again holds the person's own changes, takes the newer value of every field they did
    not change, and is based on the newer version: saving again overwrites nothing unseen."""
    current = conflict.current
    if current is None:  # removed meanwhile: nothing to save again; the text is shown to copy
        return _edit_page(request, circle, card, form, status=409, conflict=conflict)
    comparison = compare_with_newer(form, current)
    data = request.POST.copy()
    for row in comparison:
        if row.kept_newer:
            data[row.name] = _as_form_value(getattr(current, row.name))
    data["version"] = current.version
    for name, value in EditCardForm.seen_values(current).items():
        data[name] = value
    return _edit_page(
        request,
        circle,
        current,
        EditCardForm(data),
        status=409,
        conflict=conflict,
        comparison=comparison,
    )


@dataclass(frozen=True)
class FieldComparison:
    """One field of a card in a conflict: the newer version against the person's submission."""

    name: str
    label: str
    newer: str
    yours: str
    differs: bool  # the newer value is not what the person submitted
    changed_by_other: bool  # someone else changed it since the person opened the card
    kept_newer: bool  # the person had not changed it: the form now holds the newer value
    only_yours: bool  # the person changed it, nobody else did


CONTENT_FIELDS = ("text", "responsible", "due_date", "status")


def compare_with_newer(form, current) -> list[FieldComparison]:
    """Text, responsible, due date, status and column of the newer version and of the person's
    submission. Without the values the person started from (`seen_…`), every field counts as
    changed by the person, so the form keeps all of their values."""
    seen = form.seen()
    labels = {name: form.fields[name].label for name in CONTENT_FIELDS} | {"column": _("Column")}
    yours = {name: form.cleaned_data.get(name) for name in CONTENT_FIELDS}
    yours["column"] = (seen or {}).get("column") or current.column  # an edit never moves
    rows = []
    for name in (*CONTENT_FIELDS, "column"):
        newer = getattr(current, name)
        mine = yours[name]
        other_changed = seen is not None and not _same(newer, seen[name])
        you_changed = name != "column" and (seen is None or not _same(mine, seen[name]))
        differs = not _same(newer, mine)
        rows.append(
            FieldComparison(
                name=name,
                label=labels[name],
                newer=_shown(name, newer),
                yours=_shown(name, mine),
                differs=differs,
                changed_by_other=other_changed,
                kept_newer=differs and name != "column" and not you_changed,
                only_yours=differs and seen is not None and you_changed and not other_changed,
            )
        )
    return rows


def _as_form_value(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _same(a, b) -> bool:
    """Equal as the person sees them: line endings and surrounding blanks do not count."""

    def normal(value):
        return _as_form_value(value).replace("\r\n", "\n").strip()

    return normal(a) == normal(b)


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
    return _as_form_value(value)


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
