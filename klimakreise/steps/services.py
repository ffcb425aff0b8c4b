"""Every write of the follow-up: a status update of a step, and who looks after it.

A status update changes the card through boards.services.edit_card, which checks the card's
version (someone who saved in the meantime is never silently overwritten), and writes the
StepUpdate of the history in the same transaction.
"""

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card
from klimakreise.boards.services import edit_card
from klimakreise.editions.models import Documentation, Edition
from klimakreise.steps.emails import send_step_link
from klimakreise.steps.models import StepFollowUp, StepUpdate

STEP_COLUMNS = (Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES)


def published(prefix: str = "") -> Q:
    """Cards (reached through `prefix`) of editions whose results are public: steps are
    followed up from then on."""
    edition = f"{prefix}circle__edition__"
    return Q(**{f"{edition}documentation__status": Documentation.Status.PUBLISHED}) & ~Q(
        **{f"{edition}status": Edition.Status.DRAFT}
    )


PUBLISHED = published()


class StepRefused(Exception):
    """A refused change; the message is shown to the person as it is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def step_cards():
    """The cards that are steps: next steps and responsibilities of published results."""
    return Card.objects.filter(PUBLISHED, column__in=STEP_COLUMNS)


@transaction.atomic
def update_step(*, card, version, status, note="", by, user=None, registration=None) -> StepUpdate:
    """Set the step's status (only if nobody saved the card since `version`: else
    boards.services.StaleEdit) and keep the update with its note in the history."""
    if card.column not in STEP_COLUMNS:
        raise StepRefused(_("Only next steps and responsibilities have a status to update."))
    if status not in Card.Status.values:
        raise StepRefused(_("Choose one of the offered statuses."))
    if user is not None:
        actor = {"actor_user": user}
    else:
        actor = {"actor_registration": registration} if registration else {}
    saved = edit_card(
        circle=card.circle,
        card_id=card.pk,
        version=version,
        text=card.text,
        actor=actor,
        responsible=card.responsible,
        due_date=card.due_date,
        status=status,
    )
    return StepUpdate.objects.create(
        card=saved,
        status=status,
        note=note.strip(),
        at=saved.updated_at,
        by=by,
        by_user=user,
        by_registration=registration,
    )


@transaction.atomic
def assign_owner(*, card, registration=None, contact_name="", contact_email="") -> StepFollowUp:
    """Who updates the step through a personal link: a participant of the card's edition or a
    contact with an email address. A new owner gets the link by email; the old link stops."""
    if registration is not None and contact_email:
        raise StepRefused(_("Choose a participant or enter a contact, not both."))
    if registration is not None and registration.edition_id != card.circle.edition_id:
        raise StepRefused(_("The participant must belong to the step's edition."))
    follow_up, created = StepFollowUp.objects.select_for_update().get_or_create(card=card)
    new_owner = (registration.pk if registration else None, contact_email.lower())
    old_owner = (follow_up.registration_id, follow_up.contact_email.lower())
    follow_up.registration = registration
    follow_up.contact_name = "" if registration else contact_name
    follow_up.contact_email = "" if registration else contact_email
    if new_owner != old_owner and not created:
        follow_up.link_version = F("link_version") + 1
        follow_up.reminded_for = follow_up.overdue_notified_for = None
    follow_up.save()
    follow_up.refresh_from_db()
    if new_owner != old_owner and follow_up.owner_email:
        send_step_link(follow_up=follow_up)
    return follow_up
