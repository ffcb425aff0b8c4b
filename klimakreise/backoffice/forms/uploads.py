"""Attachments: the file is judged by its content, never by its name or the browser's claim."""

import pypdfium2
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import ScopedModelForm
from klimakreise.editions.models import Attachment

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"


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


class AttachmentForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Attachment
        fields = ["title", "file", "agenda_item", "circle"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"
        self.fields["agenda_item"].queryset = self.parent.agenda_items.all()
        self.fields["circle"].queryset = self.parent.circles.select_related("topic")
        self.sniffed_type = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or upload is False or not hasattr(upload, "content_type"):
            return upload  # no new upload: the stored file stays
        if upload.size > settings.UPLOAD_MAX_BYTES:
            limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
            raise forms.ValidationError(messages.FILE_TOO_LARGE, params={"limit": limit})
        self.sniffed_type = sniff_content_type(upload)
        if self.sniffed_type is None:
            raise forms.ValidationError(messages.FILE_TYPE)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agenda_item") and cleaned.get("circle"):
            self.add_error("circle", messages.ONE_TARGET)
        return cleaned

    def save(self, commit=True):
        if self.sniffed_type:
            self.instance.content_type = self.sniffed_type
            self.instance.size = self.cleaned_data["file"].size
        return super().save(commit=commit)
