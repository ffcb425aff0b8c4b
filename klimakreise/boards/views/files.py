"""Circle staff add slides and documents from the workspace."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimakreise.boards.forms import SlidesForm
from klimakreise.boards.services.files import add_circle_file
from klimakreise.boards.views.limits import load_for_change, refuse_too_many
from klimakreise.boards.views.workspace import render_workspace


@require_POST
@refuse_too_many
def file_add(request, pk):
    circle, viewer = load_for_change(request, pk, need="can_manage")
    form = SlidesForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_workspace(request, circle, viewer, slides_form=form, status=422)
    add_circle_file(
        circle=circle,
        title=form.cleaned_data["title"],
        upload=form.cleaned_data["file"],
        checked=form.checked,
    )
    messages.success(request, _("File added."))
    return redirect("boards:workspace", pk=circle.pk)
