"""How polls answer the signals of the apps below them."""

from django.db.models import F

from klimakreise.polls.models import Voter
from klimakreise.registrations.privacy import personal_data_erased

ERASED_NAME = "–"


def forget_voters_on_erasure(sender, *, edition, names, **kwargs) -> None:
    """A participant's data is deleted or anonymized: the voters made from their registration
    (in the edition's polls) lose name, address and comment, and their links stop working. The
    signal comes before the registrations change, so they are still found by their names."""
    Voter.objects.filter(registration__edition=edition, registration__name__in=list(names)).update(
        name=ERASED_NAME,
        email="",
        comment="",
        registration=None,
        link_version=F("link_version") + 1,
    )


def connect() -> None:
    personal_data_erased.connect(forget_voters_on_erasure, dispatch_uid="polls:erasure")
