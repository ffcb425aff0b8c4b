"""Validate every row of an import the way the registration form validates a sign-up.

Each row becomes the data the public form would receive (sector and topics matched by slug or
title, yes/no words in German or English) and goes through klimakreise.registrations.forms.
RegistrationForm; on top, email addresses must be new to the edition and unique in the file.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from klimakreise.registrations.forms import RegistrationForm
from klimakreise.registrations.imports.columns import BOOLEAN_KEYS, normalize_header
from klimakreise.registrations.models import Registration
from klimakreise.registrations.services import RegistrationData, normalize_email

TRUE_WORDS = {"yes", "ja", "j", "y", "true", "wahr", "1", "x", "on", "✓", "✔"}
FALSE_WORDS = {"", "no", "nein", "n", "false", "falsch", "0", "off", "-"}
LANGUAGE_WORDS = {
    "de": "de",
    "deutsch": "de",
    "german": "de",
    "en": "en",
    "english": "en",
    "englisch": "en",
}


@dataclass
class RowResult:
    number: int  # as the spreadsheet shows it; the header is row 1
    label: str  # name or email, so organizers find the row
    errors: list[str] = field(default_factory=list)
    data: RegistrationData | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors


class _Context:
    """What every row is checked against, loaded once (the form then reads no more queries)."""

    def __init__(self, edition, mapping: dict[str, int]):
        prefetch_related_objects([edition], "topics", "series__sectors")
        self.edition = edition
        self.mapping = mapping
        self.sectors = _lookup(edition.series.sectors.all())
        self.topics = _lookup(edition.topics.all())
        self.rank_count = min(edition.preference_ranks, len(edition.topics.all()))
        self.taken = {
            normalize_email(email)
            for email in edition.registrations.exclude(status=Registration.Status.CANCELLED)
            .filter(anonymized_at__isnull=True)
            .values_list("email", flat=True)
        }
        self.seen: dict[str, int] = {}  # email → row number of its first row in the file


def _lookup(objects) -> dict[str, str]:
    """Slug or title, in any case and spacing → slug."""
    table = {}
    for obj in objects:
        table.setdefault(normalize_header(obj.slug), obj.slug)
        table.setdefault(normalize_header(obj.title), obj.slug)
    return table


def validate_rows(*, edition, rows, mapping: dict[str, int]) -> list[RowResult]:
    context = _Context(edition, mapping)
    return [_validate_row(context, number, cells) for number, cells in rows]


def _validate_row(context: _Context, number: int, cells: list[str]) -> RowResult:
    def cell(key: str) -> str:
        index = context.mapping.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    result = RowResult(number=number, label=cell("name") or cell("email"))
    data = {
        "name": cell("name"),
        "email": cell("email"),
        "organization": cell("organization"),
        "accessibility_needs": cell("accessibility_needs"),
        "consent_privacy": "on",  # confirmed for the whole file by the organizer
        "language": _language(cell("language"), result),
        "sector": _sector(context, cell("sector"), result),
    }
    errors_before_wishes = len(result.errors)
    data.update(_wishes(context, cell, result))
    unknown_topic = len(result.errors) > errors_before_wishes
    for key in BOOLEAN_KEYS:
        if _boolean(cell(key), key, result):
            data[key] = "on"
    form = RegistrationForm(data=data, edition=context.edition)
    valid = form.is_valid()
    for name, messages in form.errors.items():
        if name == "sector" and data["sector"] is None:
            continue  # already reported with the unknown value
        if name.startswith("rank_") and unknown_topic:
            continue  # "wish 1 missing" only because the unknown topic was left out
        label = form.fields[name].label if name in form.fields else ""
        result.errors.extend(f"{label}: {message}" if label else message for message in messages)
    if valid:
        _check_duplicate(context, form.cleaned_data["email"], number, result)
        if result.is_valid:
            result.data = form.to_data()
    return result


def _sector(context: _Context, value: str, result: RowResult) -> str | None:
    if not value:
        return ""  # the form reports the missing sector
    if slug := context.sectors.get(normalize_header(value)):
        return slug
    result.errors.append(
        _("Sector: “%(value)s” is not a sector of this series.") % {"value": value}
    )
    return None


def _wishes(context: _Context, cell, result: RowResult) -> dict[str, str]:
    """Non-empty wish cells in rank order → {"rank_1": slug, …} (gaps close up)."""
    values = [cell(f"wish_{rank}") for rank in range(1, context.rank_count + 1)]
    slugs = []
    for value in filter(None, values):
        slug = context.topics.get(normalize_header(value))
        if slug is None:
            result.errors.append(
                _("Topic wish: “%(value)s” is not a topic of this edition.") % {"value": value}
            )
        else:
            slugs.append(slug)
    return {f"rank_{rank}": slug for rank, slug in enumerate(slugs, start=1)}


def _boolean(value: str, key: str, result: RowResult) -> bool:
    word = value.strip().casefold()
    if word in TRUE_WORDS or word == _("yes").casefold():
        return True
    if word in FALSE_WORDS or word == _("no").casefold():
        return False
    result.errors.append(
        _("%(field)s: “%(value)s” is neither yes nor no.")
        % {"field": Registration._meta.get_field(key).verbose_name, "value": value}
    )
    return False


def _language(value: str, result: RowResult) -> str:
    if not value:
        return settings.LANGUAGE_CODE
    if code := LANGUAGE_WORDS.get(value.strip().casefold()):
        return code
    result.errors.append(_("Language: “%(value)s” is not German or English.") % {"value": value})
    return settings.LANGUAGE_CODE


def _check_duplicate(context: _Context, email: str, number: int, result: RowResult) -> None:
    email = normalize_email(email)
    if email in context.seen:
        result.errors.append(
            _("Email address: the same address is already in row %(row)d.")
            % {"row": context.seen[email]}
        )
        return
    context.seen[email] = number
    if email in context.taken:
        result.errors.append(
            _("Email address: someone with this address is already registered for this edition.")
        )
