"""The fields an import fills, and guesses which column of the file holds which field.

Guesses go by the column's name in German or English (including the headers of our own export),
so a file from an earlier form tool usually needs few or no corrections.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    required: bool = False


BOOLEAN_KEYS = (
    "can_moderate",
    "can_take_notes",
    "joins_get_together",
    "public_listing",
    "newsletter",
)

# English names first (our export's msgids); the current language's translations are added.
ALIASES = {
    "name": [
        "Name",
        "full name",
        "vollständiger name",
        "vor- und nachname",
        "vorname nachname",
        "teilnehmer",
        "teilnehmerin",
        "teilnehmende",
        "person",
        "participant",
    ],
    "email": [
        "Email",
        "e-mail",
        "mail",
        "email address",
        "e-mail-adresse",
        "emailadresse",
        "mailadresse",
        "e-mail address",
    ],
    "organization": [
        "Organization",
        "organisation",
        "institution",
        "company",
        "firma",
        "verein",
        "organisation/institution",
        "arbeitgeber",
        "employer",
    ],
    "sector": ["Sector", "sektor", "bereich", "branche", "gesellschaftsbereich"],
    "can_moderate": ["Can moderate", "moderate", "moderation", "kann moderieren", "moderieren"],
    "can_take_notes": [
        "Can take notes",
        "take notes",
        "notes",
        "note taking",
        "protokoll",
        "protokollieren",
        "kann protokollieren",
        "notizen",
        "mitschrift",
    ],
    "joins_get_together": [
        "Get-together",
        "joins get-together",
        "get-together danach",
        "gettogether",
        "austausch danach",
    ],
    "accessibility_needs": [
        "Accessibility needs",
        "accessibility",
        "barrierefreiheit",
        "barrieren",
        "unterstützungsbedarf",
    ],
    "public_listing": [
        "Public listing",
        "listed publicly",
        "öffentliche nennung",
        "namentliche nennung",
        "name veröffentlichen",
    ],
    "newsletter": ["Newsletter"],
    "language": ["Language", "sprache"],
}
WISH_WORDS = (
    "wish",
    "wunsch",
    "thema",
    "topic",
    "choice",
    "wahl",
    "priorit",
    "praferenz",
    "preference",
)
ORDINALS = {
    "erst": 1,
    "first": 1,
    "zweit": 2,
    "second": 2,
    "dritt": 3,
    "third": 3,
    "viert": 4,
    "fourth": 4,
    "funft": 5,
    "fifth": 5,
}


def normalize_header(text: str) -> str:
    """ "E-Mail-Adresse " → "emailadresse": lower case, no accents, letters and digits only."""
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(char for char in folded if char.isalnum())


def import_fields(edition, *, rank_count: int) -> list[ImportField]:
    wish_fields = [
        ImportField(f"wish_{rank}", gettext("Topic wish %(rank)d") % {"rank": rank}, rank == 1)
        for rank in range(1, rank_count + 1)
    ]
    return [
        ImportField("name", _("Name"), True),
        ImportField("email", _("Email address"), True),
        ImportField("organization", _("Organization")),
        ImportField("sector", _("Sector"), True),
        *wish_fields,
        ImportField("can_moderate", _("Can moderate")),
        ImportField("can_take_notes", _("Can take notes")),
        ImportField("joins_get_together", _("Joins the get-together")),
        ImportField("accessibility_needs", _("Accessibility needs")),
        ImportField("public_listing", _("May be listed by name in public")),
        ImportField("newsletter", _("Newsletter")),
        ImportField("language", _("Language for emails")),
    ]


def _alias_table() -> dict[str, str]:
    table = {}
    for key, names in ALIASES.items():
        for name in [*names, gettext(names[0])]:
            table.setdefault(normalize_header(name), key)
    return table


def _wish_rank(normalized: str) -> int | None:
    if not any(word in normalized for word in WISH_WORDS):
        return None
    if digits := re.search(r"\d+", normalized):
        return int(digits.group())
    for word, rank in ORDINALS.items():
        if word in normalized:
            return rank
    return 1  # "Thema" or "Topic" alone: the one wish the old form asked for


def guess_key(header: str) -> str | None:
    normalized = normalize_header(header)
    if not normalized:
        return None
    if key := _alias_table().get(normalized):
        return key
    if (rank := _wish_rank(normalized)) is not None:
        return f"wish_{rank}"
    return None


def guess_mapping(headers: list[str], fields: list[ImportField]) -> dict[str, int]:
    """{field key: column index} for every column whose name we recognize; first one wins."""
    wanted = {field.key for field in fields}
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = guess_key(header)
        if key in wanted and key not in mapping:
            mapping[key] = index
    return mapping
