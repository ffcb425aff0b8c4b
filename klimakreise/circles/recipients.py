"""What circles add to the organizer's registration list and messages: a filter by circle and
the moderators as a group to write to (answers to the signals of registrations)."""

from django.utils.translation import gettext as _

from klimakreise.circles.models import Circle
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.recipients import ListFilter, Recipient

IN_A_CIRCLE = "any"
NO_CIRCLE = "none"
MODERATORS = "moderators"


def _apply_circle(queryset, value: str):
    if value == IN_A_CIRCLE:
        return queryset.filter(circle_membership__isnull=False)
    if value == NO_CIRCLE:
        return queryset.filter(circle_membership__isnull=True)
    return queryset.filter(circle_membership__circle_id=int(value))


def circle_filter(sender, *, edition, **kwargs) -> ListFilter:
    circles = Circle.objects.filter(edition=edition).select_related("topic")
    choices = [("", _("any")), (IN_A_CIRCLE, _("in a circle")), (NO_CIRCLE, _("no circle"))]
    return ListFilter(
        name="circle",
        label=_("Circle"),
        choices=choices + [(str(circle.pk), circle.name) for circle in circles],
        apply=_apply_circle,
    )


def moderators(edition) -> list[Recipient]:
    """The moderators of the edition's circles: the account of each circle's moderator and, if
    the moderator was chosen from the sign-ups, that registration (listed first, so a person
    who is both gets one email with a working personal link)."""
    circles = Circle.objects.filter(edition=edition).select_related(
        "moderator", "moderator_registration"
    )
    people = []
    for circle in circles:
        chosen = circle.moderator_registration
        if chosen is not None and chosen.status != Registration.Status.CANCELLED:
            people.insert(0, Recipient.of(chosen))
        if circle.moderator is not None:
            people.append(Recipient(name=circle.moderator.name, email=circle.moderator.email))
    return people


def moderators_audience(sender, *, edition, **kwargs) -> tuple[str, str, list[Recipient]]:
    return MODERATORS, _("the moderators of the circles"), moderators(edition)
