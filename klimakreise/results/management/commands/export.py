"""`klimakreise export EDITION_SLUG --format html|markdown|pdf|wordpress -o FILE`.

An organizer tool run on the server: it exports drafts too, so results can be checked (or sent to
a printer) before they are published. The public download buttons never serve drafts.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.queries import results_queryset


class Command(BaseCommand):
    help = (
        "Export an edition's results (drafts included) as html, markdown, pdf or wordpress. "
        "Writes to FILE, or to standard output without -o."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition_slug", help="the edition's short name, e.g. magdeburg-2022")
        parser.add_argument("--format", "-f", dest="fmt", default="html", help=", ".join(FORMATS))
        parser.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _ in settings.LANGUAGES],
            help="language of headings and labels (default: %(default)s)",
        )

    def handle(self, *args, edition_slug, fmt, output, language, **options):
        exporter = FORMATS.get(fmt)
        if exporter is None:
            self._fail(f"Unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
        edition = results_queryset().filter(slug=edition_slug).first()
        if edition is None:
            self._fail(f"No edition with the short name {edition_slug!r}.")
        with translation.override(language):
            content = exporter.render(gather_results(edition))
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        try:
            output.write_bytes(content)
        except OSError as error:
            self._fail(f"Cannot write {output}: {error.strerror}.")
        self.stderr.write(f"Wrote {output} ({len(content):,} bytes, {exporter.name}).")

    def _fail(self, message: str):
        # A clear one-line message and exit code 2 (a usage error), never a traceback.
        self.stderr.write(f"export: {message}")
        sys.exit(2)
