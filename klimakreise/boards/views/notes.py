"""Free notes of a circle, edited on their own page so a refresh never touches the text."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimakreise.boards import services
from klimakreise.boards.forms import NotesForm
from klimakreise.boards.services.notes import notes_of
from klimakreise.boards.views.limits import load_for_change, refuse_too_many


@require_http_methods(["GET", "POST"])
@refuse_too_many
def notes_edit(request, pk):
    circle, viewer = load_for_change(request, pk, need="can_edit")
    notes = notes_of(circle)
    if request.method != "POST":
        form = NotesForm(initial={"text": notes.text, "version": notes.version})
        return _page(request, circle, form)
    form = NotesForm(request.POST)
    if not form.is_valid():
        return _page(request, circle, form, status=422)
    try:
        services.save_notes(circle=circle, actor=viewer.actor, **form.cleaned_data)
    except services.StaleEdit as conflict:
        data = request.POST.copy()
        data["version"] = conflict.current.version  # saving again replaces the newer notes
        return _page(request, circle, NotesForm(data), status=409, conflict=conflict)
    messages.success(request, _("Notes saved."))
    return redirect("boards:workspace", pk=circle.pk)


def _page(request, circle, form, *, status=200, conflict=None):
    context = {"circle": circle, "form": form, "conflict": conflict}
    return render(request, "boards/notes_edit.html", context, status=status)
