"""Joining a circle's video room from its workspace or from the assignment email.

Who may see the workspace as an insider (member by personal link, circle staff, organizer) may
join; the public readers of published boards may not. Nothing is stored here, so a GET suffices:
BigBlueButton's create call is idempotent and the meeting ID is derived from the circle.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from klimakreise.boards.access import remember_member_link, require, viewer_for
from klimakreise.boards.board import circle_with_revision
from klimakreise.circles import video

logger = logging.getLogger(__name__)


@require_GET
def video_room(request, pk):
    circle = circle_with_revision(pk)
    if token := request.GET.get("t"):
        if not remember_member_link(request, circle, token):
            raise PermissionDenied
        # As on the workspace: the token leaves the address bar at once.
        return redirect("boards:video_room", pk=circle.pk)
    viewer = viewer_for(request, circle)
    require(viewer.can_manage or viewer.member)
    try:
        target = video.join_url(circle, _participant(circle, viewer))
    except video.VideoRoomUnavailable as error:
        # The reason (a BBB messageKey or the network error's kind) for the operators only.
        logger.warning("BigBlueButton refused circle %s: %s", circle.pk, error)
        response = render(request, "boards/video_unavailable.html", {"circle": circle}, status=503)
    else:
        response = redirect(target)
    response["Cache-Control"] = "private, no-store"  # a BBB join address is this person's own
    return response


def _participant(circle, viewer) -> video.Participant:
    """Staff join under their account's name and lead the room; members under their own name,
    and lead it too when the organizers chose them as moderator from the sign-ups."""
    if viewer.user is not None and viewer.can_manage:
        name = viewer.user.get_full_name() or viewer.user.get_username()
        return video.Participant(full_name=name, moderator=True)
    chosen = viewer.registration.pk == circle.moderator_registration_id
    return video.Participant(full_name=viewer.registration.name, moderator=chosen)
