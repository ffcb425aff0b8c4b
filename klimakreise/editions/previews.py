"""First-page previews of PDF attachments: made once, outside every public request, within hard
limits, stored as a file beside the attachment (Attachment.preview) and served as one.

Where a preview is made:

- At upload (editions.uploads.checked_upload, used by the workspace and the back-office forms):
  making the preview is the check that the PDF is sane. A PDF that cannot be previewed within
  the limits is refused with a message naming the reason (uploads.PREVIEW_REFUSED).
- By the worker (render_missing_previews, in settings.SCHEDULED_JOBS) for every PDF whose preview
  was not made from its current file: files from before the limits, the demo's slides, a file put
  in place some other way. A file that fails there is kept without a preview and not tried again
  until it is replaced (preview_source records which file was tried).

Pages, exports and the preview address only read the stored file (stored_preview_png,
editions.views.attachment_preview); an attachment without one simply shows no preview.

The limits: PDFium runs in a child process (render_preview.py) whose address space and CPU time
are capped, under a wall-clock timeout. Only the first page is rendered, into at most
800 × 1600 px (the scale follows from that box, and is capped too). The PDF may have at most
1000 pages; the first page's sides must lie between 3 pt and 14,400 pt (the range PDF itself
allows, 1 mm to 5 m) and their ratio may be at most 1:20.
"""

import enum
import json
import logging
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F

from klimakreise.core.cache import retire_public_pages
from klimakreise.editions.models import Attachment
from klimakreise.editions.render_preview import REFUSED

logger = logging.getLogger(__name__)

PDF = "application/pdf"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LIMITS = {
    "max_width_px": 800,  # sharp enough for a slide thumbnail, small enough to send often
    "max_height_px": 1600,
    "max_scale": 8.0,
    "max_pages": 1000,
    "min_side_pt": 3.0,
    "max_side_pt": 14400.0,
    "max_aspect": 20.0,
    "memory_bytes": 512 * 1024 * 1024,
    "cpu_seconds": 10,
}
WALL_SECONDS = 20  # the child is killed after this, even while it waits
RENDERER = Path(__file__).with_name("render_preview.py")
PREVIEWS_PER_RUN = 20
RUN_SECONDS = 30  # the worker also sends email: a run starts no new preview after this


class Refusal(enum.StrEnum):
    """Why a PDF gets no preview (the words render_preview.py answers with, and COSTLY)."""

    UNREADABLE = "unreadable"
    PAGES = "pages"
    PAGE_SIZE = "page-size"
    COSTLY = "costly"  # a limit of time or memory stopped it


@dataclass(frozen=True)
class Rendered:
    png: bytes | None
    refusal: Refusal | None = None


def render_first_page(data: bytes) -> Rendered:
    """The first page of the PDF `data` as PNG, made in a child process within LIMITS."""
    command = [sys.executable, "-I", str(RENDERER), json.dumps(LIMITS)]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=WALL_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return Rendered(None, Refusal.COSTLY)
    if done.returncode == 0 and done.stdout.startswith(PNG_SIGNATURE):
        return Rendered(done.stdout)
    if done.returncode == REFUSED and done.stdout in {word.encode() for word in Refusal}:
        return Rendered(None, Refusal(done.stdout.decode()))
    stopped = (-signal.SIGXCPU, -signal.SIGKILL)
    if done.returncode in stopped or b"MemoryError" in done.stderr:
        return Rendered(None, Refusal.COSTLY)
    logger.warning("PDF preview failed (%s): %s", done.returncode, done.stderr[-2000:])
    return Rendered(None, Refusal.UNREADABLE)


def store_preview(*, attachment: Attachment, png: bytes | None) -> None:
    """Keep `png` as the preview of the attachment's current file (None: it has none).

    Only the two preview columns are written, and only while the file is still the one the
    preview was made from: a title edited meanwhile stays, a file replaced meanwhile gets its
    own preview later. Not a save(), so the published results do not count a preview as a
    change ("updated on"); the cached pages are retired all the same.
    """
    source = attachment.file.name
    previous = attachment.preview.name
    if png is None:
        attachment.preview = ""
    else:
        attachment.preview.save("preview.png", ContentFile(png), save=False)
    storage, current = attachment.preview.storage, attachment.preview.name
    with transaction.atomic():
        stored = Attachment.objects.filter(pk=attachment.pk, file=source).update(
            preview=current, preview_source=source
        )
        if stored:
            retire_public_pages()
    if not stored:
        if current:
            storage.delete(current)
        attachment.preview.name = previous
        return
    attachment.preview_source = source
    if previous and previous != current:
        transaction.on_commit(lambda: storage.delete(previous), robust=True)


def render_missing_previews() -> int:
    """The worker's job: make the missing previews of PDF attachments; how many it tried."""
    started = time.monotonic()
    pending = (
        Attachment.objects.filter(content_type=PDF)
        .exclude(preview_source=F("file"))
        .order_by("pk")[:PREVIEWS_PER_RUN]
    )
    tried = 0
    for attachment in pending:
        if time.monotonic() - started > RUN_SECONDS:
            break
        tried += 1
        try:
            with attachment.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("Attachment %s has no file; kept without a preview", attachment.pk)
            store_preview(attachment=attachment, png=None)
            continue
        store_preview(attachment=attachment, png=render_first_page(data).png)
    return tried


def stored_preview_png(attachment: Attachment) -> bytes | None:
    """The stored preview (PNG), or None; never renders anything."""
    if not attachment.preview:
        return None
    try:
        with attachment.preview.open("rb") as handle:
            return handle.read()
    except OSError:
        return None
