"""Export files of published results, built once per published version and then only read.

A PDF costs seconds of CPU; a download must cost a file read. So each format of an edition's
published results is built once per version (`version_key`) by the worker's `build_exports` job
or by the first request, and kept in KLIMAKREISE_EXPORT_DIR. Whoever inserts the ExportFile row
builds; the unique constraint lets exactly one process do that per version, on PostgreSQL and
SQLite alike, and no lock is held while the file is rendered. A claim whose builder died is taken
over after STALE_CLAIM.
"""

import itertools
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import FileResponse
from django.utils import timezone, translation

from klimakreise.editions.models import Documentation
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.models import ExportFile
from klimakreise.results.queries import results_queryset

logger = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=5)


def version_key(edition) -> str:
    """The published version of the results: changes on publishing, on every change of the
    results (touch_results moves updated_at) and on every save of the edition."""
    documentation = edition.documentation
    stamps = (documentation.updated_at, edition.updated_at)
    return f"{documentation.version}-" + "-".join(f"{s:%Y%m%d%H%M%S%f}" for s in stamps)


def export_path(export: ExportFile) -> Path:
    return Path(settings.KLIMAKREISE_EXPORT_DIR) / export.path


def stored_export(*, edition, fmt: str, language: str) -> ExportFile | None:
    """The built file of the current version, if there is one (one query, one stat)."""
    export = ExportFile.objects.filter(
        edition=edition,
        format=fmt,
        language=language,
        version=version_key(edition),
        built_at__isnull=False,
    ).first()
    if export is None:
        return None
    if not export_path(export).is_file():  # the directory was emptied: build again
        ExportFile.objects.filter(pk=export.pk).delete()
        return None
    return export


def file_response(export: ExportFile, *, edition) -> FileResponse:
    exporter = FORMATS[export.format]
    return FileResponse(
        export_path(export).open("rb"),
        as_attachment=True,
        filename=exporter.filename(edition),
        content_type=exporter.content_type,
    )


def build_export(*, edition, fmt: str, language: str) -> ExportFile | None:
    """Build and store `fmt` of the current version; None if another process is building it."""
    claim = claim_build(edition=edition, fmt=fmt, language=language)
    return None if claim is None else complete_build(claim=claim, edition=edition)


def claim_build(*, edition, fmt: str, language: str) -> ExportFile | None:
    """Take the build of the current version; None if another process holds it."""
    return _claim_build(edition=edition, fmt=fmt, language=language, version=version_key(edition))


def release_build(*, claim: ExportFile) -> None:
    """Give a claimed build up without building (the next request may take it)."""
    ExportFile.objects.filter(pk=claim.pk, built_at__isnull=True).delete()


def complete_build(*, claim: ExportFile, edition) -> ExportFile:
    """Render and store the claimed file."""
    try:
        # Rendered outside any transaction: a build must not hold a lock for seconds.
        with translation.override(claim.language):
            content = FORMATS[claim.format].render(gather_results(edition))
        claim.path = _write(export=claim, content=content)
    except BaseException:
        release_build(claim=claim)
        raise
    claim.built_at = timezone.now()
    _finish_build(export=claim)
    return claim


def _claim_build(*, edition, fmt: str, language: str, version: str) -> ExportFile | None:
    now = timezone.now()
    key = {"edition": edition, "format": fmt, "language": language, "version": version}
    try:
        with transaction.atomic():
            return ExportFile.objects.create(**key, claimed_at=now)
    except IntegrityError:
        pass
    with transaction.atomic():
        taken = ExportFile.objects.filter(
            **key, built_at__isnull=True, claimed_at__lt=now - STALE_CLAIM
        ).update(claimed_at=now)
    return ExportFile.objects.get(**key) if taken else None


def _write(*, export: ExportFile, content: bytes) -> str:
    """Write the file atomically (a reader never sees half a file); its path below the dir."""
    name = f"{export.format}-{export.language}-{export.version}"
    relative = Path(str(export.edition_id)) / f"{name}.{FORMATS[export.format].extension}"
    target = Path(settings.KLIMAKREISE_EXPORT_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
        handle.write(content)
    Path(handle.name).chmod(0o644)
    os.replace(handle.name, target)
    return str(relative)


@transaction.atomic
def _finish_build(*, export: ExportFile) -> None:
    ExportFile.objects.filter(pk=export.pk).update(path=export.path, built_at=export.built_at)
    older = ExportFile.objects.filter(
        edition_id=export.edition_id,
        format=export.format,
        language=export.language,
        built_at__isnull=False,
    ).exclude(pk=export.pk)
    old_paths = [export_path(old) for old in older]
    older.delete()
    transaction.on_commit(lambda: _unlink(old_paths))


def _unlink(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def build_missing_exports() -> int:
    """The worker's job: build every format and language not built yet of published results."""
    built = 0
    published = results_queryset().filter(documentation__status=Documentation.Status.PUBLISHED)
    for edition in published:
        for fmt, (language, _name) in itertools.product(FORMATS, settings.LANGUAGES):
            if stored_export(edition=edition, fmt=fmt, language=language) is not None:
                continue
            try:
                built += build_export(edition=edition, fmt=fmt, language=language) is not None
            except Exception:  # noqa: BLE001 (one broken export must not stop the others)
                logger.exception("Export %s (%s) of %s failed", fmt, language, edition.slug)
    return built
