"""Names in text that people typed themselves (e.g. who is responsible for a next step).

Public pages show such a text only when it is not the name of a participant who did not agree to
be named in public. When a person's data is erased, apps that keep such texts are told through
`personal_data_erased`, because afterwards the name is gone and could no longer be recognized.
"""

from django.dispatch import Signal

from klimakreise.registrations.models import LISTED_PUBLICLY, Registration

HIDDEN_NAME = "…"

# Sent with edition= and names= (the names as they were) before registrations are deleted or
# anonymized, inside the same transaction.
personal_data_erased = Signal()


def normalized_name(name: str) -> str:
    return name.strip().casefold()


def unlisted_names(edition) -> set[str]:
    """Normalized names of the edition's participants who may not be named in public."""
    names = Registration.objects.filter(edition=edition).exclude(LISTED_PUBLICLY)
    return {normalized_name(name) for name in names.values_list("name", flat=True)}


def without_unlisted_name(text: str, unlisted: set[str]) -> str:
    """The text as the public may read it: HIDDEN_NAME when it names such a person."""
    return HIDDEN_NAME if normalized_name(text) in unlisted else text


def announce_erasure(*, edition, names) -> None:
    personal_data_erased.send(sender=Registration, edition=edition, names=list(names))
