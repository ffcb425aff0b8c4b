"""What an uploaded attachment is: judged by its content, never by its name or the browser's claim.

Shared by every form that takes attachments (back office, circle workspaces). A PDF is accepted
only if its preview can be made within the limits of editions.previews: the preview made for the
check is the one that is kept. Any other PDF is refused with a message naming the reason, and so
is an image whose header claims more than MAX_IMAGE_PIXELS."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from klimakreise.editions.previews import LIMITS, PDF, PNG_SIGNATURE, Refusal, render_first_page

JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ACCEPT = ".pdf,.png,.jpg,.jpeg"  # for the file input's accept attribute, a hint only
# An image is shown as it is (on pages and in exports, which decode it): 40 megapixels is more
# than any slide or photo needs, and bounds what one image costs to decode.
MAX_IMAGE_PIXELS = 40_000_000

FILE_TOO_LARGE = _("The file is too large: at most %(limit)s are allowed.")
FILE_TYPE = _("The file is not a valid PDF, PNG or JPEG file.")
PREVIEW_REFUSED = {
    Refusal.UNREADABLE: _("The PDF file cannot be read: it is damaged or incomplete."),
    Refusal.PAGES: _("The PDF file has too many pages: at most %(pages)s are allowed."),
    Refusal.PAGE_SIZE: _(
        "The first page of the PDF file has an unusable size or shape: its sides must lie "
        "between 1 mm and 5 m, and the longer may be at most %(aspect)s times the shorter."
    ),
    Refusal.COSTLY: _("The PDF file needs too much time or memory to be shown as a preview."),
}
IMAGE_TOO_LARGE = _("The image is too large: at most %(megapixels)s megapixels are allowed.")


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    preview: bytes | None = None  # a PDF's first page as PNG, to be kept with the attachment


def sniff_content_type(upload) -> str | None:
    """The content type the first bytes show, or None for anything we do not accept."""
    upload.seek(0)
    head = upload.read(len(PNG_SIGNATURE))
    upload.seek(0)
    if head.startswith(PNG_SIGNATURE):
        return "image/png"
    if head.startswith(JPEG_SIGNATURE):
        return "image/jpeg"
    if head.startswith(PDF_SIGNATURE):
        return PDF
    return None


def checked_upload(upload) -> CheckedUpload:
    """What the upload is, with a PDF's preview; a ValidationError (for the file field) if it is
    too large, not a PDF, PNG or JPEG file, or a PDF without a preview within the limits."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        raise forms.ValidationError(FILE_TOO_LARGE, params={"limit": limit})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise forms.ValidationError(FILE_TYPE)
    if content_type != PDF:
        _check_image_size(upload)
        return CheckedUpload(content_type)
    upload.seek(0)
    rendered = render_first_page(upload.read())
    upload.seek(0)
    if rendered.refusal is not None:
        params = {"pages": LIMITS["max_pages"], "aspect": int(LIMITS["max_aspect"])}
        raise forms.ValidationError(PREVIEW_REFUSED[rendered.refusal], params=params)
    return CheckedUpload(content_type, rendered.png)


def _check_image_size(upload) -> None:
    """Refuse an image whose header claims more than MAX_IMAGE_PIXELS: a small file may unpack
    to gigabytes. Only the header is read; nothing is decoded."""
    pixels = _image_pixels(upload)
    if pixels is None:
        raise forms.ValidationError(FILE_TYPE)
    if pixels > MAX_IMAGE_PIXELS:
        megapixels = MAX_IMAGE_PIXELS // 1_000_000
        raise forms.ValidationError(IMAGE_TOO_LARGE, params={"megapixels": megapixels})


def _image_pixels(upload) -> int | None:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:  # Pillow's own limit, far above ours
        return MAX_IMAGE_PIXELS + 1
    except (OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(0)
    return width * height
