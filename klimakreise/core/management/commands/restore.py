import os
import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from klimakreise.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `klimakreise backup` into an empty data folder or an "
        "empty database; anything else is refused."
    )
    # The checks would touch the database that is about to be restored.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive written by `klimakreise backup`")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        try:
            manifest = restore_backup(
                file, secret_key_from_environment=os.environ.get("SECRET_KEY", "")
            )
        except (BackupError, tarfile.TarError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Restored {file} (made {manifest['created_at']}): {rows} rows.")
