"""Who an organizer's message goes to: the filtered registrants, or the people a higher app
(circles) names. Registrations knows nothing of circles, so it asks through two signals."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.dispatch import Signal

from klimakreise.registrations.models import Registration

# Receivers get `edition` and return a ListFilter: an extra filter for the organizer list, the
# exports and messages (circles answers with "which circle").
list_filters_requested = Signal()
# Receivers get `edition` and return (audience key, label, list of Recipient): further groups a
# message can go to (circles answers with the moderators of the edition's circles).
audiences_requested = Signal()

REGISTRANTS = "registrants"


@dataclass(frozen=True)
class ListFilter:
    name: str
    label: str
    choices: list[tuple[str, str]]
    apply: Callable[[QuerySet, str], QuerySet]  # (registrations, chosen value) → registrations


@dataclass(frozen=True)
class Recipient:
    """One person to write to; `registration` is set when the person signed up (then the
    personal link works and the outbox key is the registration's)."""

    name: str
    email: str
    language: str = ""  # empty: the site's language (an account has none of its own)
    registration: Registration | None = None

    @classmethod
    def of(cls, registration: Registration) -> "Recipient":
        return cls(
            name=registration.name,
            email=registration.email,
            language=registration.language,
            registration=registration,
        )


def list_filters(edition) -> list[ListFilter]:
    return [response for _r, response in list_filters_requested.send(None, edition=edition)]


def audiences(edition) -> dict[str, tuple[str, list[Recipient]]]:
    """{key: (label, recipients)} of the groups other apps offer for this edition."""
    answers = audiences_requested.send(None, edition=edition)
    return {key: (label, people) for _r, (key, label, people) in answers}


def unique_by_email(people) -> list[Recipient]:
    """Drop anonymized registrants and people without an address; one entry per address (the
    first wins, so list a person's registration before their user account)."""
    seen, result = set(), []
    for person in people:
        address = person.email.strip().lower()
        anonymized = person.registration is not None and person.registration.anonymized_at
        if address and not anonymized and address not in seen:
            seen.add(address)
            result.append(person)
    return result


def message_recipients(*, edition, audience: str, registrations) -> list[Recipient]:
    """The one place that decides who gets a message: the (filtered) registrants, or another
    app's group; unknown audiences get nobody."""
    if audience == REGISTRANTS:
        return unique_by_email(Recipient.of(r) for r in registrations)
    _label, people = audiences(edition).get(audience, ("", []))
    return unique_by_email(people)
