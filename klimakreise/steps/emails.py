"""One function per email of the follow-up, each with subject, text and HTML templates under
steps/email/, queued in the outbox. The keys make each email go out once."""

from django.conf import settings

from klimakreise.outbox.services import send_templated_email
from klimakreise.steps.links import update_url


def _context(follow_up) -> dict:
    card = follow_up.card
    edition = card.circle.edition
    return {
        "registration": {"name": follow_up.owner_name},  # the greeting of the layout
        "step": card,
        "edition": edition,
        "update_url": update_url(follow_up),
    }


def _language(follow_up) -> str:
    if follow_up.registration_id is not None:
        return follow_up.registration.language
    return settings.LANGUAGE_CODE


def _send(follow_up, *, template: str, key: str):
    return send_templated_email(
        to=follow_up.owner_email,
        template=f"steps/email/{template}",
        context=_context(follow_up),
        language=_language(follow_up),
        key=key,
        edition=follow_up.card.circle.edition,
    )


def send_step_link(*, follow_up):
    """Tell the person who looks after a step where to update it."""
    key = f"steps:link:{follow_up.pk}:{follow_up.link_version}"
    return _send(follow_up, template="link", key=key)


def send_step_reminder(*, follow_up):
    """A few days before the step is due (KLIMAKREISE_STEP_REMINDER_DAYS)."""
    key = f"steps:reminder:{follow_up.pk}:{follow_up.link_version}:{follow_up.card.due_date}"
    return _send(follow_up, template="reminder", key=key)


def send_step_overdue(*, follow_up):
    """Once, when the step is overdue and still open or in progress."""
    key = f"steps:overdue:{follow_up.pk}:{follow_up.link_version}:{follow_up.card.due_date}"
    return _send(follow_up, template="overdue", key=key)
