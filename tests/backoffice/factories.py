"""Factories and sample files for the back-office tests."""

import base64
import io

import factory
import pypdfium2

from klimakreise.editions.models import Attachment
from tests.factories import EditionFactory

# A real 1×1 pixel PNG.
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def pdf_bytes() -> bytes:
    """A real one-page PDF, made with PDFium so it is exactly what the upload check opens."""
    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 100)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Folien {n}")
    file = factory.django.FileField(filename="folien.pdf", data=factory.LazyFunction(pdf_bytes))
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: o.file.size)
