from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from klimakreise.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write one archive with a consistent snapshot of the database, the uploaded files, the "
        "secret key and a manifest; safe while the app runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive to write, e.g. backup.tar.gz")

    def handle(self, *args, file: Path, **options):
        if file.exists():
            raise CommandError(f"{file} exists already; choose a new file name.")
        if not file.parent.is_dir():
            raise CommandError(f"The folder {file.parent} does not exist.")
        try:
            manifest = write_backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Wrote {file}: {rows} rows ({manifest['database']}), files, key.")
