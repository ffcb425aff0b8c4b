"""First-page previews of PDF attachments, rendered once with pypdfium2 and kept on disk.

The file name carries the attachment id, size and modification time, so a replaced file gets a new
preview and every app process finds the same cached image.
"""

import io
import os
import tempfile
import threading
from pathlib import Path

from django.conf import settings

PREVIEW_WIDTH = 800  # pixels: sharp enough for a slide thumbnail, small enough to send often
_render_lock = threading.Lock()  # pdfium is not thread-safe


def preview_path(attachment) -> Path | None:
    """Where the preview of this attachment is cached; None if the file is missing."""
    try:
        stat = os.stat(attachment.file.path)
    except (FileNotFoundError, ValueError):
        return None
    name = f"{attachment.pk}-{stat.st_size}-{stat.st_mtime_ns}.png"
    return Path(settings.MEDIA_ROOT) / "previews" / name


def preview_png(attachment) -> bytes | None:
    """PNG of the first page, or None if the attachment is no readable PDF."""
    path = preview_path(attachment)
    if path is None or not _is_pdf(attachment):
        return None
    if path.exists():
        return path.read_bytes()
    png = _render_first_page(attachment.file.path)
    if png is not None:
        _write_atomically(path, png)
    return png


def _is_pdf(attachment) -> bool:
    if attachment.content_type == "application/pdf":
        return True
    return attachment.file.name.lower().endswith(".pdf")


def _render_first_page(file_path) -> bytes | None:
    # pdfium is loaded only by the process that renders a preview, not by every app process.
    import pypdfium2 as pdfium

    with _render_lock:
        try:
            pdf = pdfium.PdfDocument(file_path)
        except pdfium.PdfiumError:
            return None
        try:
            if len(pdf) == 0:
                return None
            page = pdf[0]
            width = page.get_width() or PREVIEW_WIDTH
            image = page.render(scale=PREVIEW_WIDTH / width).to_pil()
        finally:
            pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
