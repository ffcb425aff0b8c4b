"""How circles answer the signals of the apps below them."""

from django.utils.translation import gettext as _

from klimakreise.circles.models import CircleMember
from klimakreise.circles.recipients import circle_filter, moderators_audience
from klimakreise.circles.services.membership import release_cancelled
from klimakreise.circles.services.moderators import release_cancelled_moderator
from klimakreise.registrations.exports import export_columns_requested
from klimakreise.registrations.organizer.recipients import (
    audiences_requested,
    list_filters_requested,
)
from klimakreise.registrations.services import registration_cancelled


def _circle_column(sender, *, edition, **kwargs) -> tuple[str, dict]:
    members = CircleMember.objects.filter(circle__topic__edition=edition).select_related(
        "circle__topic"
    )
    return _("Circle"), {member.registration_id: member.circle.name for member in members}


def _registration_cancelled(sender, *, registration, actor=None, **kwargs) -> None:
    release_cancelled(registration=registration, actor=actor)
    release_cancelled_moderator(registration=registration)


def connect() -> None:
    export_columns_requested.connect(_circle_column, dispatch_uid="circles:export-column")
    list_filters_requested.connect(circle_filter, dispatch_uid="circles:circle-filter")
    audiences_requested.connect(moderators_audience, dispatch_uid="circles:moderators")
    registration_cancelled.connect(
        _registration_cancelled, dispatch_uid="circles:registration-cancelled"
    )
