"""Voters' names, addresses and comments leave a poll with the edition's personal data.

- When a participant's data is deleted or anonymized (`registrations.privacy.personal_data_erased`),
  the voters made from their registration are erased at once.
- Every other voter (the shared link, the series team) is kept as long as the edition's
  registrations are (KLIMAKREISE_RETENTION_MONTHS after it ended); the daily job
  `erase_poll_voters` then erases them. Their answers stay, as they name nobody.
"""

from django.db.models import F

from klimakreise.outbox.retention import retention_cutoff
from klimakreise.polls.models import Voter

ERASED_NAME = "–"


def _erase(voters) -> int:
    return voters.update(
        name=ERASED_NAME,
        email="",
        comment="",
        registration=None,
        link_version=F("link_version") + 1,
    )


def forget_voters_on_erasure(sender, *, edition, names, **kwargs) -> None:
    """The signal comes before the registrations change, so they are still found by name."""
    _erase(Voter.objects.filter(registration__edition=edition, registration__name__in=list(names)))


def erase_poll_voters(*, now=None) -> int:
    """Erase the voters of polls whose edition is past retention; how many."""
    old = Voter.objects.filter(poll__edition__end__lt=retention_cutoff(now))
    return _erase(old.exclude(name=ERASED_NAME, email="", comment=""))
