from django.core.management.base import BaseCommand

from klimakreise.outbox.retention import old_emails, retention_cutoff
from klimakreise.registrations import retention


class Command(BaseCommand):
    help = (
        "Anonymize the personal data of registrations of editions that ended more than "
        "KLIMAKREISE_RETENTION_MONTHS ago, and delete old emails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only print what would be anonymized"
        )

    def handle(self, *args, dry_run=False, **options):
        cutoff = retention_cutoff()
        self.stdout.write(f"Editions that ended before {cutoff:%Y-%m-%d}:")
        results = self.preview(cutoff) if dry_run else retention.apply_retention()
        for result in results:
            where = result.edition or "older emails of any edition"
            self.stdout.write(
                f"  {where}: {result.registrations} registration(s), {result.emails} email(s)"
            )
        total = sum(result.registrations for result in results)
        emails = sum(result.emails for result in results)
        if dry_run:
            summary = f"Dry run: would anonymize {total} registration(s), delete {emails} email(s)."
        else:
            summary = f"Anonymized {total} registration(s), deleted {emails} email(s)."
        self.stdout.write(summary)

    def preview(self, cutoff) -> list[retention.RetentionResult]:
        editions = list(retention.editions_due_for_anonymization())
        results = [
            retention.RetentionResult(
                edition=edition.slug,
                registrations=retention.personal_registrations(edition).count(),
                emails=edition.outbox_emails.count(),
            )
            for edition in editions
        ]
        rest = old_emails(before=cutoff).exclude(edition__in=editions).count()
        results.append(retention.RetentionResult(edition="", registrations=0, emails=rest))
        return results
