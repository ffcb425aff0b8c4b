"""What an uploaded attachment is: judged by its content, never by its name or the browser's claim.

Shared by every form that takes attachments (back office, circle workspaces)."""

import pypdfium2
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ACCEPT = ".pdf,.png,.jpg,.jpeg"  # for the file input's accept attribute, a hint only

FILE_TOO_LARGE = _("The file is too large: at most %(limit)s are allowed.")
FILE_TYPE = _("The file is not a valid PDF, PNG or JPEG file.")


def _pdf_opens(upload) -> bool:
    """A file that starts like a PDF but that PDFium cannot open is refused too."""
    try:
        if hasattr(upload, "temporary_file_path"):
            source = upload.temporary_file_path()
        else:
            upload.seek(0)
            source = upload.read()
        document = pypdfium2.PdfDocument(source)
    except (pypdfium2.PdfiumError, OSError, ValueError):
        return False
    try:
        return len(document) > 0
    finally:
        document.close()
        upload.seek(0)


def sniff_content_type(upload) -> str | None:
    """The content type the bytes prove, or None for anything we do not accept."""
    upload.seek(0)
    head = upload.read(len(PNG_SIGNATURE))
    upload.seek(0)
    if head.startswith(PNG_SIGNATURE):
        return "image/png"
    if head.startswith(JPEG_SIGNATURE):
        return "image/jpeg"
    if head.startswith(PDF_SIGNATURE) and _pdf_opens(upload):
        return "application/pdf"
    return None


def checked_content_type(upload) -> str:
    """The upload's content type; a ValidationError (for the file field) if it is too large or
    not a PDF, PNG or JPEG file."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        raise forms.ValidationError(FILE_TOO_LARGE, params={"limit": limit})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise forms.ValidationError(FILE_TYPE)
    return content_type
