"""Organizer pages of an edition's workspaces, the history of a board, and the plenary view."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from klimakreise.boards.access import board_is_public
from klimakreise.boards.forms import BoardSettingsForm
from klimakreise.boards.models import BoardSettings, CardChange
from klimakreise.boards.reading import Reader, plenary_view
from klimakreise.boards.signals import plenary_rendering
from klimakreise.circles.models import Circle
from klimakreise.core.redirects import permanent_redirect
from klimakreise.editions.access import is_organizer, organizer_view, require_organizer
from klimakreise.editions.models import Edition


def _edition(slug) -> Edition:
    return get_object_or_404(Edition.objects.select_related("series"), slug=slug)


@organizer_view
@require_GET
def overview(request, scope):
    edition = scope.edition
    circles = edition.circles.select_related("topic", "moderator", "expert", "note_taker")
    stored = BoardSettings.objects.filter(edition=edition).first()
    context = {"edition": edition, "circles": circles, "board_settings": stored}
    return render(request, "boards/overview.html", context)


@organizer_view
@require_http_methods(["GET", "POST"])
def board_settings(request, scope):
    edition = scope.edition
    instance = BoardSettings.objects.filter(edition=edition).first() or BoardSettings(
        edition=edition
    )
    data = request.POST if request.method == "POST" else None
    form = BoardSettingsForm(data, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("boards:overview", slug=edition.slug)
    status = 422 if request.method == "POST" else 200
    context = {"edition": edition, "form": form}
    return render(request, "boards/settings.html", context, status=status)


@organizer_view
@require_GET
def history(request, scope, pk):
    circle = get_object_or_404(scope.edition.circles.select_related("topic"), pk=pk)
    circle.edition = scope.edition
    changes = CardChange.objects.filter(circle=circle).select_related(
        "actor_user", "actor_registration"
    )[:500]
    return render(request, "boards/history.html", {"circle": circle, "changes": changes})


@require_GET
def plenary(request, slug):
    """One circle after another with its next steps and responsibilities, for a big screen."""
    edition = plenary_edition(request, slug)
    circles = plenary_view(edition, reader=edition.plenary_reader)
    sections = plenary_rendering.send(sender=Circle, request=request, edition=edition)
    context = {
        "edition": edition,
        "circles": circles,
        "sections": [section for _receiver, section in sections if section],
        "board_stream": settings.BOARD_STREAM,
    }
    return render(request, "boards/plenary.html", context)


def plenary_edition(request, slug) -> Edition:
    """The edition whose plenary the request may see (the page and its stream), with the reader
    it sees it as; else 404."""
    edition = _edition(slug)
    edition.plenary_reader = _plenary_reader(request.user, edition)
    if not (edition.plenary_reader.reads_every_name or board_is_public(edition)):
        raise Http404  # as for an unknown edition: a draft's address tells nobody anything
    return edition


def _plenary_reader(user, edition) -> Reader:
    """Organizers and circle staff see the plenary during the event and names as typed; the
    plenary knows no members (their links open one circle's board only)."""
    if is_organizer(user, edition.series):
        return Reader.ORGANIZER
    if (
        user.is_authenticated
        and edition.circles.filter(Q(moderator=user) | Q(expert=user) | Q(note_taker=user)).exists()
    ):
        return Reader.STAFF
    return Reader.PUBLIC


def history_moved(request, pk):
    """The history's address before the one organizer area (issue 12): a permanent redirect,
    after the organizer check, so that the redirect tells nobody else which edition a circle
    belongs to."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    circle = get_object_or_404(Circle.objects.select_related("edition__series"), pk=pk)
    require_organizer(request.user, circle.edition.series)
    target = reverse("boards:history", kwargs={"slug": circle.edition.slug, "pk": circle.pk})
    return permanent_redirect(request, target)
