"""One function per email of the circle assignment, each with subject, text and HTML templates
under circles/email/. All go through the outbox; keys make publishing again harmless."""

from django.conf import settings
from django.urls import reverse

from klimakreise.circles import video
from klimakreise.editions.models import AgendaItem
from klimakreise.outbox.services import send_templated_email
from klimakreise.registrations.links import make_token, personal_url, workspace_url


def circle_time(edition):
    """When the circles meet: the agenda's first circle slot, else the edition's start."""
    slot = edition.agenda_items.filter(kind=AgendaItem.Kind.CIRCLES).order_by("start").first()
    return slot.start if slot else edition.start


def _circle_context(circle, starts_at) -> dict:
    edition = circle.edition
    return {
        "circle": circle,
        "edition": edition,
        "moderator": circle.staff_display("moderator"),
        "starts_at": starts_at,
        "room_url": _room_url(circle),
        "edition_url": settings.SITE_URL + edition.get_absolute_url(),
    }


def _person_context(registration, circle) -> dict:
    """What an email to a participant links: her personal page and her circle's workspace."""
    return {
        "registration": registration,
        "personal_url": personal_url(registration),
        "workspace_url": workspace_url(registration, circle),
        "room_url": _room_url(circle, registration),
    }


def _room_url(circle, registration=None) -> str:
    """The circle's room (circles.video). A BigBlueButton join address is made per person, so
    the email links our join page instead: with the personal link for a participant, plain for
    staff (who sign in)."""
    if shared := video.room_url(circle):
        return shared
    path = settings.SITE_URL + video.join_page_path(circle)
    return f"{path}?t={make_token(registration)}" if registration is not None else path


def _staff_workspace_url(circle) -> str:
    # Staff sign in; the workspace needs no personal link for them.
    return settings.SITE_URL + reverse("boards:workspace", args=[circle.pk])


def send_circle_assignment(*, run, circle, registration, starts_at):
    """Tell a participant their circle, its moderator, the time (circle_time) and the room."""
    return send_templated_email(
        to=registration.email,
        template="circles/email/assignment",
        context={**_circle_context(circle, starts_at), **_person_context(registration, circle)},
        language=registration.language,
        key=f"circles:assignment:{run.pk}:{registration.pk}",
        edition=circle.edition,
    )


def send_circle_member_list(*, run, circle, starts_at):
    """Give a circle's moderator the members with their organizations (staff may see names)."""
    members = sorted(
        (member.registration for member in circle.members.all()), key=lambda r: r.name.lower()
    )
    return send_templated_email(
        to=circle.moderator.email,
        template="circles/email/member_list",
        context={
            **_circle_context(circle, starts_at),
            "members": members,
            "workspace_url": _staff_workspace_url(circle),
        },
        language=settings.LANGUAGE_CODE,
        key=f"circles:member-list:{run.pk}:{circle.pk}:{circle.moderator.pk}",
        edition=circle.edition,
    )


def _change_context(change, circle) -> dict:
    return {
        **_circle_context(circle, circle_time(circle.edition)),
        "change": change,
        "reason": change.reason,
    }


def _member_email(*, change, circle, template: str):
    registration = change.registration
    return send_templated_email(
        to=registration.email,
        template=f"circles/email/{template}",
        context={**_change_context(change, circle), **_person_context(registration, circle)},
        language=registration.language,
        key=f"circles:change:{change.pk}:member",
        edition=circle.edition,
    )


def send_member_added(*, change):
    """Tell a person added to a locked assignment her circle and its workspace."""
    return _member_email(change=change, circle=change.to_circle, template="member_added")


def send_member_moved(*, change):
    """Tell a member she now works in another circle (the old workspace is closed to her)."""
    return _member_email(change=change, circle=change.to_circle, template="member_moved")


def send_member_removed(*, change):
    """Tell a member she no longer belongs to her circle (nor to its workspace)."""
    return _member_email(change=change, circle=change.from_circle, template="member_removed")


def send_moderator_notice(*, change, circle):
    """Tell a circle's moderator that a person joined or left the circle, and its size now."""
    return send_templated_email(
        to=circle.moderator.email,
        template="circles/email/moderator_notice",
        context={
            **_change_context(change, circle),
            "person": change.registration,
            "joined": change.to_circle_id == circle.pk,
            "size": circle.members.count(),
            "workspace_url": _staff_workspace_url(circle),
        },
        language=settings.LANGUAGE_CODE,
        key=f"circles:change:{change.pk}:moderator:{circle.pk}",
        edition=circle.edition,
    )


def send_moderator_chosen(*, circle, registration):
    """Tell a person who offered to moderate at sign-up that the organizers chose them.

    The workspace link is given to members of the circle only: a personal link opens the
    workspace of one's own circle (boards.access), not of another.
    """
    member = registration.circle == circle
    return send_templated_email(
        to=registration.email,
        template="circles/email/moderator_chosen",
        context={
            **_circle_context(circle, circle_time(circle.edition)),
            **_person_context(registration, circle),
            "workspace_url": workspace_url(registration, circle) if member else "",
            # Likewise the personal join page: the moderator's own link only opens her circle.
            "room_url": _room_url(circle, registration if member else None),
        },
        language=registration.language,
        key=f"circles:moderator-chosen:{circle.pk}:{registration.pk}",
        edition=circle.edition,
    )
