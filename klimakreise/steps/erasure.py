"""Personal data in the follow-up: names in notes, and the contacts who are no participants.

- When a person's data is deleted or anonymized (`registrations.privacy.personal_data_erased`),
  their name leaves the notes of the edition's step updates, as it leaves the boards: afterwards
  it could no longer be recognized and hidden on public pages.
- A contact's name and email address are kept as long as the edition's registrations are
  (KLIMAKREISE_RETENTION_MONTHS after it ended); the daily job `erase_step_contacts` then empties
  them and revokes the contact's link.
"""

from django.db import transaction
from django.db.models import F

from klimakreise.outbox.retention import retention_cutoff
from klimakreise.registrations.privacy import UnlistedNames, name_forms
from klimakreise.steps.models import StepFollowUp, StepUpdate


@transaction.atomic
def forget_names_in_notes(*, edition, names) -> int:
    """Replace each mention of these people in the edition's notes; how many notes changed."""
    # Only names of two words or more in free text: erasing "Max" must not touch "Max Weber".
    forms = UnlistedNames(form for name in names for form in name_forms(name) if " " in form)
    if not forms:
        return 0
    updates = StepUpdate.objects.filter(card__circle__edition=edition).exclude(note="")
    changed = []
    for update in updates.select_for_update(of=("self",)):
        hidden = forms.hide(update.note)
        if hidden != update.note:
            update.note = hidden
            changed.append(update)
    StepUpdate.objects.bulk_update(changed, ["note"])
    return len(changed)


def on_erasure(sender, *, edition, names, **kwargs) -> None:
    forget_names_in_notes(edition=edition, names=names)


def erase_step_contacts(*, now=None) -> int:
    """Empty the contacts of steps whose edition is past retention; how many."""
    old = StepFollowUp.objects.filter(card__circle__edition__end__lt=retention_cutoff(now))
    return old.exclude(contact_email="", contact_name="").update(
        contact_name="", contact_email="", link_version=F("link_version") + 1
    )
