"""Rate limits on board changes, counted per person rather than per client address.

A class or a company often sits behind one address, so a limit per address would let one busy
group lock out its own members. Each change counts for the person making it (their account for
staff, their personal link for members: Viewer.voter_key); a generous ceiling per address stays
as a fallback against one machine driving many links (docs/decisions.md).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _

from klimakreise.boards.views.common import after_change, is_htmx, load
from klimakreise.boards.views.workspace import render_workspace
from klimakreise.core.ratelimit import over_rate_limit, retry_after

PERSON_GROUP = "boards-person"
ADDRESS_GROUP = "boards-address"


class TooManyChanges(Exception):
    def __init__(self, circle, viewer, rate):
        super().__init__(rate)
        self.circle, self.viewer, self.rate = circle, viewer, rate


def load_for_change(request, pk, *, need: str):
    """load() for a change: access first, then this change is counted against the limits."""
    circle, viewer = load(request, pk, need=need)
    if request.method == "POST":
        person_rate = settings.KLIMAKREISE_BOARD_WRITE_RATE
        if over_rate_limit(request, group=PERSON_GROUP, rate=person_rate, person=viewer.voter_key):
            raise TooManyChanges(circle, viewer, person_rate)
        address_rate = settings.KLIMAKREISE_BOARD_ADDRESS_RATE
        if over_rate_limit(request, group=ADDRESS_GROUP, rate=address_rate):
            raise TooManyChanges(circle, viewer, address_rate)
    return circle, viewer


def refuse_too_many(view):
    """Answer a change over the limit with 429 and the board's save message; nothing changed."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except TooManyChanges as refusal:
            message = _("Too many changes in a short time. Please wait a minute and try again.")
            circle, viewer = refusal.circle, refusal.viewer
            if is_htmx(request):
                response = after_change(
                    request, circle, viewer, message=message, ok=False, status=429
                )
            else:
                messages.error(request, message)
                response = render_workspace(request, circle, viewer, status=429)
            response["Retry-After"] = str(retry_after(refusal.rate))
            return response

    return limited
