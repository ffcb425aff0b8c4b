"""Data retention: personal data of past editions is anonymized, old emails are deleted.

The daily job `apply_retention` runs in the worker (settings.SCHEDULED_JOBS).

What stays: status, sector, topic wishes, circle membership and every count, so results and
funder reports survive. What goes: name, email address, organization name, accessibility needs,
the opt-ins, every personal link (link_version is bumped) and the emails sent to those people.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from klimakreise.editions.models import Edition
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.retention import delete_emails, delete_old_emails, retention_cutoff
from klimakreise.registrations.models import Registration
from klimakreise.registrations.privacy import announce_erasure


@dataclass(frozen=True)
class RetentionResult:
    edition: str
    registrations: int
    emails: int


def editions_due_for_anonymization(now: datetime | None = None):
    """Editions that ended before the cutoff and still hold personal data."""
    return (
        Edition.objects.filter(end__lt=retention_cutoff(now))
        .filter(Q(registrations__anonymized_at__isnull=True) | Q(outbox_emails__isnull=False))
        .distinct()
        .order_by("end", "id")
    )


def personal_registrations(edition):
    return Registration.objects.filter(edition=edition, anonymized_at__isnull=True)


def anonymize_edition_registrations(*, edition) -> RetentionResult:
    """Anonymize the edition's registrations and delete its emails, in one transaction."""
    with transaction.atomic():
        # The rows are read once and locked, so exactly the people announced are anonymized.
        people = list(personal_registrations(edition).select_for_update().values_list("pk", "name"))
        announce_erasure(edition=edition, names=[name for _, name in people])
        count = Registration.objects.filter(pk__in=[pk for pk, _ in people]).update(
            name=anonymized_name(),
            email="",
            organization_name="",
            accessibility_needs="",
            public_listing=False,
            newsletter=False,
            anonymized_at=timezone.now(),
            link_version=F("link_version") + 1,
        )
        # Every email of a past edition was to one of its people and may quote their name.
        emails = delete_emails(OutboxEmail.objects.filter(edition=edition))
    return RetentionResult(edition=edition.slug, registrations=count, emails=emails)


def apply_retention(*, now: datetime | None = None) -> list[RetentionResult]:
    """The daily job: anonymize every edition past retention and delete old emails."""
    results = [
        anonymize_edition_registrations(edition=edition)
        for edition in editions_due_for_anonymization(now)
    ]
    deleted = delete_old_emails(before=retention_cutoff(now))
    results.append(RetentionResult(edition="", registrations=0, emails=deleted))
    return results


def anonymized_name() -> str:
    # Stored once, so it is written in the site's main language ("anonymisiert").
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("anonymized")
