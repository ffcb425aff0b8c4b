"""Choosing a circle's moderator among the people who offered to moderate when signing up.

The consent is the offer itself: the sign-up form's "I can moderate a circle." ticked when the
person registered. Choosing copies that text (in the person's language) and the time of the
offer onto the circle, so the record stays even if the registration changes later.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from klimakreise.circles import emails
from klimakreise.circles.models import Circle
from klimakreise.circles.services.runs import ActionRefused
from klimakreise.registrations.models import Registration

CONFIRMED = {Registration.Status.REGISTERED, Registration.Status.WAITLISTED}


def offer_text(registration) -> str:
    """The sign-up form's words the person agreed to, in the language they signed up in."""
    with translation.override(registration.language):
        return _("I can moderate a circle.")


def _refusal(circle, registration) -> str | None:
    if registration.edition_id != circle.edition_id:
        return _("%(name)s signed up for another edition.") % {"name": registration.name}
    if registration.status not in CONFIRMED or registration.anonymized_at is not None:
        return _("%(name)s has cancelled or not confirmed the registration.") % {
            "name": registration.name
        }
    if not registration.can_moderate:
        return _("%(name)s did not offer to moderate.") % {"name": registration.name}
    if circle.edition.results_are_published:
        return _("The results of this edition are published; its circles can no longer change.")
    elsewhere = (
        Circle.objects.filter(edition_id=circle.edition_id, moderator_registration=registration)
        .exclude(pk=circle.pk)
        .first()
    )
    if elsewhere:  # the circles meet at the same time
        return _("%(name)s already moderates %(circle)s.") % {
            "name": registration.name,
            "circle": elsewhere.name,
        }
    return None


@transaction.atomic
def choose_moderator(*, circle, registration, actor):
    """Make a person who offered to moderate the circle's moderator and email them once.

    Registrations carry no user account, so the person is named (`moderator_name`); an
    account previously set as moderator is removed, as the circle has one moderator.
    """
    circle = Circle.objects.select_for_update().select_related("edition", "topic").get(pk=circle.pk)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    refusal = _refusal(circle, registration)
    if refusal:
        raise ActionRefused(refusal)
    if circle.moderator_registration_id == registration.pk:
        return circle  # already chosen: no second email
    circle.moderator = None
    circle.moderator_name = registration.name
    circle.moderator_registration = registration
    circle.moderator_consent_text = offer_text(registration)
    circle.moderator_consent_at = registration.created_at
    circle.save(
        update_fields=[
            "moderator",
            "moderator_name",
            "moderator_registration",
            "moderator_consent_text",
            "moderator_consent_at",
        ]
    )
    if registration.email:  # the outbox row is part of this transaction
        emails.send_moderator_chosen(circle=circle, registration=registration)
    return circle


@transaction.atomic
def release_cancelled_moderator(*, registration) -> int:
    """A chosen moderator who cancels no longer moderates: the circle shows nobody again.

    The name is kept if organizers typed another one since (the back office edits it freely).
    """
    circles = Circle.objects.filter(moderator_registration=registration)
    circles.filter(moderator_name=registration.name).update(moderator_name="")
    return circles.update(
        moderator_registration=None, moderator_consent_text="", moderator_consent_at=None
    )
