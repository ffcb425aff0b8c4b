"""Organizer pages of date polls, below /manage/e/<slug>/polls/: every view checks access first
(editions.access.organizer_view) and finds the poll inside the edition."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from klimakreise.editions.access import organizer_view
from klimakreise.polls import services
from klimakreise.polls.forms import POLL_CLOSED, TOO_MANY, OptionForm, PickForm, PollForm
from klimakreise.polls.grid import poll_grid
from klimakreise.polls.links import share_url
from klimakreise.polls.models import MAX_OPTIONS, DatePoll, PollOption


def _poll(scope, pk) -> DatePoll:
    polls = DatePoll.objects.select_related("edition__series", "picked_option", "created_edition")
    return get_object_or_404(polls, pk=pk, edition=scope.edition)


def _detail_url(poll: DatePoll):
    return redirect("polls:detail", slug=poll.edition.slug, pk=poll.pk)


@organizer_view
@require_http_methods(["GET", "POST"])
def poll_list(request, scope):
    edition = scope.edition
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        poll = services.create_poll(edition=edition, **form.cleaned_data)
        messages.success(request, _("The poll is created. Now propose dates."))
        return _detail_url(poll)
    context = {
        "edition": edition,
        "scope": scope,
        "polls": edition.date_polls.select_related("picked_option", "created_edition"),
        "form": form,
    }
    return render(request, "polls/poll_list.html", context, status=400 if form.errors else 200)


@organizer_view
@require_http_methods(["GET"])
def poll_detail(request, scope, pk):
    return _render_detail(request, scope, _poll(scope, pk))


def _render_detail(request, scope, poll, *, option_form=None, status=200):
    context = {
        "edition": scope.edition,
        "scope": scope,
        "poll": poll,
        "grid": poll_grid(poll),
        "time_zone": poll.edition.series.time_zone,
        "option_form": option_form or OptionForm(poll=poll),
        "share_url": share_url(poll),
        "max_options": MAX_OPTIONS,
    }
    return render(request, "polls/poll_detail.html", context, status=status)


@organizer_view
@require_POST
def add_option(request, scope, pk):
    poll = _poll(scope, pk)
    if not poll.is_open:
        messages.error(request, POLL_CLOSED)
        return _detail_url(poll)
    form = OptionForm(request.POST, poll=poll)
    if not form.is_valid():
        return _render_detail(request, scope, poll, option_form=form, status=400)
    try:
        services.add_option(
            poll=poll, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        )
    except services.TooManyOptions:
        messages.error(request, TOO_MANY % {"max": MAX_OPTIONS})
    else:
        messages.success(request, _("The date is added."))
    return _detail_url(poll)


@organizer_view
@require_POST
def remove_option(request, scope, pk, option_pk):
    poll = _poll(scope, pk)
    option = get_object_or_404(PollOption, pk=option_pk, poll=poll)
    try:
        services.remove_option(option=option)
    except services.PollClosed:
        messages.error(request, POLL_CLOSED)
    except services.OptionHasAnswers:
        messages.error(request, _("People have answered for this date; it stays."))
    else:
        messages.success(request, _("The date is removed."))
    return _detail_url(poll)


@organizer_view
@require_POST
def invite(request, scope, pk):
    poll = _poll(scope, pk)
    if not poll.options.exists():
        messages.error(request, _("Please propose at least one date before inviting people."))
        return _detail_url(poll)
    try:
        count = services.invite_people(poll=poll)
    except services.PollClosed:
        messages.error(request, POLL_CLOSED)
        return _detail_url(poll)
    if count:
        text = ngettext(
            "%(count)d invitation is queued.", "%(count)d invitations are queued.", count
        )
        messages.success(request, text % {"count": count})
    else:
        messages.info(request, _("Everyone has been invited already; nobody was asked twice."))
    return _detail_url(poll)


@organizer_view
@require_POST
def pick(request, scope, pk):
    poll = _poll(scope, pk)
    form = PickForm(request.POST, poll=poll)
    if not poll.is_open:
        messages.error(request, _("A date has already been picked for this poll; nothing changed."))
        return _detail_url(poll)
    if not form.is_valid():
        messages.error(request, form.errors["option"][0])
        return _detail_url(poll)
    try:
        new_edition = services.pick_option(option=form.cleaned_data["option"])
    except services.PollClosed:
        messages.error(request, _("A date has already been picked for this poll; nothing changed."))
        return _detail_url(poll)
    except services.CannotCreateEdition:
        messages.error(
            request,
            _(
                "The next edition cannot be created on this date (its programme would move "
                "out of the calendar). Please pick another date; nothing changed."
            ),
        )
        return _detail_url(poll)
    messages.success(
        request,
        _(
            "The date is picked: “%(title)s” is created as a draft, "
            "and everyone who answered is told."
        )
        % {"title": new_edition.title},
    )
    return redirect("backoffice:edition", slug=new_edition.slug)
