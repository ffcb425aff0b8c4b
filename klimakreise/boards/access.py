"""Who may see and change a circle's workspace.

Three kinds of people reach a board: organizers of the series and the circle's staff (accounts),
the circle's members (their personal link, remembered in the session for this circle only), and
the public (read-only, and only once the edition's results are published).
"""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.utils.crypto import salted_hmac

from klimakreise.boards.reading import NOBODY, Reader, names_hidden_from
from klimakreise.circles.models import CircleMember
from klimakreise.editions.access import is_organizer
from klimakreise.editions.models import Edition
from klimakreise.registrations.links import registration_from_token
from klimakreise.registrations.models import Registration
from klimakreise.registrations.privacy import UnlistedNames

SESSION_KEY = "boards:members"  # {circle pk: [registration pk, link version]}


def board_is_public(edition) -> bool:
    """Whether the public may read the boards: once the edition's results are published."""
    return edition.results_are_published


def members_may_edit(edition) -> bool:
    if edition.status != Edition.Status.RUNNING:
        return False
    settings = getattr(edition, "board_settings", None)
    return settings.members_can_edit if settings is not None else True


@dataclass(frozen=True)
class Viewer:
    """One person looking at one circle's board, and what they may do there."""

    user: object | None
    registration: Registration | None
    organizer: bool
    staff: bool
    member: bool
    public: bool

    @property
    def can_view(self) -> bool:
        return self.organizer or self.staff or self.member or self.public

    @property
    def can_manage(self) -> bool:
        """Open and close votes, see everything editable: organizers and circle staff."""
        return self.organizer or self.staff

    @property
    def can_edit(self) -> bool:
        return self.can_manage or (self.member and self.member_edit_allowed)

    member_edit_allowed: bool = False
    # The names this viewer may not read (boards.reading); read once per request.
    hidden_names: UnlistedNames = NOBODY

    @property
    def reader(self) -> Reader:
        """What this viewer reads of names (boards.reading): insiders' names as typed."""
        if self.organizer:
            return Reader.ORGANIZER
        if self.staff:
            return Reader.STAFF
        return Reader.PARTICIPANT if self.member else Reader.PUBLIC

    @property
    def actor(self) -> dict:
        """Who a change is recorded for."""
        if self.user is not None and self.can_manage:
            return {"actor_user": self.user}
        return {"actor_registration": self.registration}

    @property
    def voter_key(self) -> str:
        """An opaque, stable key per person; it cannot be turned back into a name."""
        if self.user is not None and self.can_manage:
            raw = f"user:{self.user.pk}"
        else:
            raw = f"registration:{self.registration.pk}"
        return salted_hmac("klimakreise.boards.voter", raw, algorithm="sha256").hexdigest()

    @property
    def cache_variant(self) -> str:
        """What besides the board's revision changes the rendered board for this viewer."""
        return f"{int(self.can_edit)}{int(self.can_manage)}{int(self.reader.reads_every_name)}"


def remember_member_link(request, circle, token: str) -> bool:
    """Check a personal link for this circle and remember it in the session."""
    registration = registration_from_token(token)
    if registration is None or not _is_member(circle, registration.pk, registration.link_version):
        return False
    request.session.cycle_key()  # the link acts like a login: no session fixation
    members = dict(request.session.get(SESSION_KEY, {}))
    members[str(circle.pk)] = [registration.pk, registration.link_version]
    request.session[SESSION_KEY] = members
    return True


def viewer_for(request, circle) -> Viewer:
    """Everything the views need to decide, from as few queries as possible."""
    user = request.user if request.user.is_authenticated else None
    organizer = user is not None and is_organizer(user, circle.edition.series)
    staff = user is not None and user.pk in {
        circle.moderator_id,
        circle.expert_id,
        circle.note_taker_id,
    }
    registration = _member_registration(request, circle)
    viewer = Viewer(
        user=user,
        registration=registration,
        organizer=organizer,
        staff=staff,
        member=registration is not None,
        public=board_is_public(circle.edition),
        member_edit_allowed=registration is not None and members_may_edit(circle.edition),
    )
    if viewer.can_view:  # nobody else is shown anything
        viewer = replace(viewer, hidden_names=names_hidden_from(viewer.reader, circle.edition))
    return viewer


def may_see_circle_files(request, circle) -> bool:
    """A circle's files belong to its workspace: whoever may see the board sees them."""
    return viewer_for(request, circle).can_view


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _member_registration(request, circle):
    if not hasattr(request, "session"):
        return None
    remembered = request.session.get(SESSION_KEY, {}).get(str(circle.pk))
    if not remembered:
        return None
    pk, version = remembered
    membership = _membership(circle, pk, version)
    return membership.registration if membership else None


def _is_member(circle, registration_pk, link_version) -> bool:
    return _membership(circle, registration_pk, link_version) is not None


def _membership(circle, registration_pk, link_version):
    return (
        CircleMember.objects.select_related("registration")
        .only("id", "registration__id", "registration__name", "registration__edition_id")
        .filter(
            circle_id=circle.pk,
            registration_id=int(registration_pk),
            registration__link_version=int(link_version),
            registration__anonymized_at__isnull=True,
        )
        .exclude(registration__status=Registration.Status.CANCELLED)
        .order_by("pk")
        .first()
    )
