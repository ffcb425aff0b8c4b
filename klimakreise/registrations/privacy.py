"""Names in text that people typed themselves (e.g. who is responsible for a next step).

Public pages show such a text only when it does not mention a participant who did not agree to be
named in public. When a person's data is erased, apps that keep such texts are told through
`personal_data_erased`, because afterwards the name is gone and could no longer be recognized.
Matching is by whole words, ignoring case and punctuation ("Dr. Hedwig Muster (AG Rad)" mentions
"Hedwig Muster"), and knows the usual short forms "Hedwig M." and "H. Muster". Other nicknames are
not recognized. In doubt a text is hidden: a listed person written the same way is hidden too.
"""

import re
import unicodedata

from django.dispatch import Signal

from klimakreise.core.cache import retire_public_pages
from klimakreise.registrations.models import LISTED_PUBLICLY, Registration

HIDDEN_NAME = "…"
WORD = re.compile(r"\w+")

# Sent with edition= and names= (the names as they were) before registrations are deleted or
# anonymized, inside the same transaction.
personal_data_erased = Signal()


def normalized_name(name: str) -> str:
    # NFKC first: "ü" typed as "u" plus a combining mark is the same name.
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", name).casefold()))


def name_forms(name: str) -> set[str]:
    """The normalized name and the short forms people write for it: "Hedwig Anna Muster" also as
    "Hedwig Anna M.", "Hedwig M." and "H. Muster"."""
    words = normalized_name(name).split()
    if len(words) < 2:
        return set(words)
    *given, last = words
    return {
        " ".join(words),
        " ".join([*given, last[0]]),
        f"{given[0]} {last[0]}",
        f"{given[0][0]} {last}",
    }


def mentions(text: str, names: set[str]) -> bool:
    """Whether the text contains one of these normalized names as whole words."""
    padded = f" {normalized_name(text)} "
    return any(f" {name} " in padded for name in names if name)


def unlisted_names(edition) -> set[str]:
    """Normalized names of the edition's participants who may not be named in public."""
    names = Registration.objects.filter(edition=edition).exclude(LISTED_PUBLICLY)
    return {form for name in names.values_list("name", flat=True) for form in name_forms(name)}


def without_unlisted_name(text: str, unlisted: set[str]) -> str:
    """The text as the public may read it: HIDDEN_NAME when it mentions such a person."""
    return HIDDEN_NAME if mentions(text, unlisted) else text


def announce_erasure(*, edition, names) -> None:
    personal_data_erased.send(sender=Registration, edition=edition, names=list(names))
    # Cached pages and exports must not show the erased names.
    retire_public_pages()
