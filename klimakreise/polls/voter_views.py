"""The pages people answer on, without an account: their own signed link, or the shared link.
They show totals only, never other people's names; they are never cached."""

import functools

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from klimakreise.core.ratelimit import over_rate_limit
from klimakreise.polls import services
from klimakreise.polls.forms import POLL_CLOSED, AnswerForm, JoinForm, option_label
from klimakreise.polls.grid import option_totals
from klimakreise.polls.links import make_token, voter_from_token, voter_url
from klimakreise.polls.models import DatePoll

# The shared link lets anyone add a voter: a limit per client address keeps a script from
# filling the grid.
TOO_FAST = gettext_lazy(
    "Too many answers from your connection in a short time. Please wait a minute and try again."
)

LINK_SENT = gettext_lazy(
    "Thank you! If this address has not answered this poll before, your answers are saved and "
    "we have sent it your own link to change them. If it has, please use the link from the "
    "first email."
)


def voter_link_view(view):
    """Resolve the token first (forged, expired or revoked → a friendly 404), never cache."""

    @never_cache
    @functools.wraps(view)
    def wrapper(request, token, *args, **kwargs):
        voter = voter_from_token(token)
        if voter is None:
            return render(request, "polls/link_invalid.html", status=404)
        return view(request, voter, token, *args, **kwargs)

    return wrapper


def _context(poll, form, **extra) -> dict:
    zone = poll.edition.series.time_zone
    picked = option_label(poll.picked_option, zone) if poll.picked_option_id else ""
    return {
        "poll": poll,
        "edition": poll.edition,
        "form": form,
        "totals": [(option_label(t.option, zone), t) for t in option_totals(poll)],
        "time_zone": zone,
        "picked": picked,
        **extra,
    }


@voter_link_view
@require_http_methods(["GET", "POST"])
def vote(request, voter, token):
    poll = voter.poll
    options = list(poll.options.all())
    voter = type(voter).objects.prefetch_related("votes").get(pk=voter.pk)
    voter.poll = poll
    form = AnswerForm(request.POST or None, poll=poll, options=options, voter=voter)
    status = 200
    if request.method == "POST":
        if not poll.is_open:
            messages.error(request, POLL_CLOSED)
            status = 409
        elif form.is_valid():
            try:
                services.answer_poll(
                    voter=voter, answers=form.answers(), comment=form.cleaned_data["comment"]
                )
            except services.PollClosed:
                messages.error(request, POLL_CLOSED)
                return redirect("polls:vote", token=token)
            messages.success(request, _("Thank you! Your answers are saved."))
            return redirect("polls:vote", token=token)
        else:
            status = 400
    context = _context(poll, form, voter=voter, own_url=voter_url(voter))
    return render(request, "polls/vote.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, key):
    polls = DatePoll.objects.select_related("edition__series", "picked_option")
    poll = get_object_or_404(polls, share_key=key)
    options = list(poll.options.all())
    form = JoinForm(request.POST or None, poll=poll, options=options)
    status = 200
    if request.method == "POST":
        if over_rate_limit(request, group="polls", rate=settings.KLIMAKREISE_POLL_RATE):
            messages.error(request, TOO_FAST)
            status = 429
        elif not poll.is_open:
            messages.error(request, POLL_CLOSED)
            status = 409
        elif form.is_valid():
            data = form.cleaned_data
            try:
                voter = services.join_poll(
                    poll=poll,
                    name=data["name"],
                    email=data["email"],
                    language=(get_language() or "de")[:2],
                    answers=form.answers(),
                    comment=data["comment"],
                )
            except services.PollClosed:
                messages.error(request, POLL_CLOSED)
                return redirect("polls:join", key=key)
            return _joined(request, key, voter, email=data["email"])
        else:
            status = 400
    return render(request, "polls/join.html", _context(poll, form), status=status)


def _joined(request, key, voter, *, email: str):
    if email:
        # The same answer whether or not the address had answered before: the page must not
        # tell a stranger which addresses take part.
        messages.success(request, LINK_SENT)
        return redirect("polls:join", key=key)
    messages.success(
        request,
        _("Thank you! Your answers are saved. Keep the address of this page to change them."),
    )
    return redirect("polls:vote", token=make_token(voter))
