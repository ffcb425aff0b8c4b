"""Files that circle staff add to their workspace (slides of the expert input, documents)."""

from django.db import transaction

from klimakreise.editions.models import Attachment


@transaction.atomic
def add_circle_file(*, circle, title: str, upload, content_type: str) -> Attachment:
    """Store a checked upload (editions.uploads.checked_content_type) as one of the circle's
    files. Who may see it follows the workspace (editions.views.CIRCLE_FILE_RULES)."""
    return Attachment.objects.create(
        edition=circle.edition,
        circle=circle,
        title=title.strip(),
        file=upload,
        content_type=content_type,
        size=upload.size,
    )
