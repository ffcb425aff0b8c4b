"""A board's revision: the circle with the id of its newest history entry, and the ETag built on it.

Every change writes a history entry, so a refresh can tell in one indexed lookup whether anything
changed — in any app process. What a viewer sees of the board is read by boards.reading.
"""

from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from klimakreise.boards import queries
from klimakreise.circles.models import Circle

# Sent with every answer that carries the board: the board's script reads the revision from it
# (or from the board's data-revision attribute), never from the ETag.
REVISION_HEADER = "X-Board-Revision"


def circle_with_revision(pk, *, for_page=True) -> Circle:
    """The circle, its edition, series and board switches, and its revision: one query.
    The refresh (for_page=False) skips the joins only the page needs: it runs most often."""
    query = queries.circle_for_page if for_page else queries.circle_for_refresh
    return query.first_or_404(pk=int(pk))


def board_revision(circle) -> int:
    return circle.board_revision or 0


def board_etag(circle, viewer) -> str:
    """Changes when the board changes, or when what this viewer may do or read changes."""
    variant = viewer.cache_variant
    if viewer.member and not viewer.can_manage:
        # While writing is hidden each member reads their own cards: one tag per member.
        variant += f"-m{viewer.registration.pk}"
    if viewer.hidden_names:
        # Who agreed to be named changes what the public reads, without a change on the board.
        # Keyed, so the tag tells nobody whether a guessed name is among them.
        hidden = "\n".join(sorted(viewer.hidden_names.forms))
        variant += "-" + salted_hmac("klimakreise.boards.unlisted", hidden).hexdigest()[:12]
    return f'"b{board_revision(circle)}-{variant}-{get_language()}"'
