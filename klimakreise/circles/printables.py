"""What the printed lists of an edition show: the circles with members and staff, the
attendance list for funders and the name badges. Organizers only: the lists carry full names.

Each list reads in a fixed number of queries, however many people there are.
"""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from klimakreise.circles.models import Circle, CircleMember
from klimakreise.circles.problem import registered

BADGES_PER_PAGE = 8  # 2 × 4 on an A4 sheet


@dataclass
class PrintedCircle:
    circle: Circle
    members: list
    moderator: str
    expert: str
    note_taker: str
    workspace_url: str
    qr_code: str  # a data: URI (PNG), allowed by the Content-Security-Policy's img-src


@dataclass
class Badge:
    name: str
    organization: str
    circle: str


def workspace_url(circle: Circle) -> str:
    """The workspace without a personal link: members open it with their own link, staff sign in."""
    return settings.SITE_URL + reverse("boards:workspace", kwargs={"pk": circle.pk})


def qr_code(url: str) -> str:
    return segno.make(url, error="m").png_data_uri(scale=5, border=2)


def printed_circles(edition, *, pk: int | None = None) -> list[PrintedCircle]:
    """All circles of the edition (or the one with `pk`) with members, staff and workspace."""
    members = CircleMember.objects.select_related("registration__sector").order_by(
        "registration__name", "pk"
    )
    circles = (
        Circle.objects.filter(edition=edition)
        .select_related("topic", "moderator", "expert", "note_taker")
        .prefetch_related(Prefetch("members", queryset=members))
    )
    if pk is not None:
        circles = circles.filter(pk=pk)
    printed = []
    for circle in circles:
        url = workspace_url(circle)
        printed.append(
            PrintedCircle(
                circle=circle,
                members=[member.registration for member in circle.members.all()],
                moderator=circle.staff_display("moderator"),
                expert=circle.staff_display("expert"),
                note_taker=circle.staff_display("note_taker"),
                workspace_url=url,
                qr_code=qr_code(url),
            )
        )
    return printed


def attendees(edition):
    """The confirmed registrations with sector and circle, by name."""
    return (
        registered(edition)
        .select_related("sector", "circle_membership__circle__topic")
        .order_by("name", "pk")
    )


def attendance_by_circle(people) -> list[tuple[str, list]]:
    """The attendees grouped by circle in the circles' order; people without one come last."""
    groups: dict[int | None, tuple[str, list]] = {}
    order = {}
    for person in people:
        circle = person.circle
        key = circle.pk if circle else None
        if key not in groups:
            groups[key] = (circle.name if circle else "", [])
            order[key] = (
                (0, circle.topic.position, circle.topic_id, circle.index) if circle else (1,)
            )
        groups[key][1].append(person)
    return [groups[key] for key in sorted(groups, key=order.__getitem__)]


def badge_pages(edition) -> list[list[Badge]]:
    """The name badges, eight to a page."""
    badges = [
        Badge(
            name=person.name,
            organization=person.organization_name,
            circle=person.circle.name if person.circle else "",
        )
        for person in attendees(edition)
    ]
    return [badges[i : i + BADGES_PER_PAGE] for i in range(0, len(badges), BADGES_PER_PAGE)]
