"""Public API: an edition's circles with their sizes; names only of people who opted in."""

from django.db.models import BooleanField, ExpressionWrapper, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from klimakreise.circles.models import Circle, CircleMember
from klimakreise.editions.models import Edition
from klimakreise.registrations.models import listed_publicly

router = Router(tags=["circles"])


class CircleOut(Schema):
    name: str
    topic: str
    topic_title: str
    index: int
    size: int
    members: list[str]  # public names of members who agreed to be listed
    unlisted_members: int  # the others, counted but not named


class ErrorOut(Schema):
    detail: str


def public_circles(edition: Edition):
    members = (
        CircleMember.objects.select_related("registration")
        .annotate(listed=ExpressionWrapper(listed_publicly("registration__"), BooleanField()))
        .order_by("registration__name")
    )
    return (
        Circle.objects.filter(edition=edition)
        .select_related("topic")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def describe(circle: Circle) -> dict:
    members = circle.members.all()
    listed = [m.registration.name for m in members if m.listed]
    return {
        "name": circle.name,
        "topic": circle.topic.slug,
        "topic_title": circle.topic.title,
        "index": circle.index,
        "size": len(members),
        "members": listed,
        "unlisted_members": len(members) - len(listed),
    }


@router.get(
    "/{slug}/circles",
    response={200: list[CircleOut], 404: ErrorOut},
    summary="An edition's circles",
)
def list_circles(request, slug: str):
    edition = get_object_or_404(Edition.objects.public(), slug=slug)
    return [describe(circle) for circle in public_circles(edition)]
