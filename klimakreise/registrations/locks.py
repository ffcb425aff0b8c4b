"""When registrations may be opened or changed, decided in one place for the form, API and pages."""

from django.utils import timezone


def is_assignment_locked(edition) -> bool:
    """Circles get members only when organizers lock the assignment (issue 4); from then on
    participants can no longer change their topic wishes."""
    return edition.circles.filter(members__isnull=False).exists()


def is_registration_open(edition, *, now=None) -> bool:
    """Open while the edition says "registration open", or while a published edition's
    registration window (opens/closes, each optional) contains `now`."""
    from klimakreise.editions.models import Edition

    if edition.status == Edition.Status.REGISTRATION_OPEN:
        return True
    if edition.status != Edition.Status.PUBLISHED:
        return False
    now = now or timezone.now()
    opens, closes = edition.registration_opens_at, edition.registration_closes_at
    if opens is None and closes is None:
        return False  # published without a window: announced, sign-up not started yet
    return (opens is None or opens <= now) and (closes is None or now < closes)
