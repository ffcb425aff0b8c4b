"""Files that circle staff add to their workspace (slides of the expert input, documents)."""

from django.db import transaction

from klimakreise.editions.models import Attachment
from klimakreise.editions.previews import store_preview
from klimakreise.editions.uploads import CheckedUpload


@transaction.atomic
def add_circle_file(*, circle, title: str, upload, checked: CheckedUpload) -> Attachment:
    """Store an upload checked by editions.uploads.checked_upload as one of the circle's files,
    with the preview made by that check. Who may see it follows the workspace
    (editions.views.get_visible_attachment)."""
    attachment = Attachment.objects.create(
        edition=circle.edition,
        circle=circle,
        title=title.strip(),
        file=upload,
        content_type=checked.content_type,
        size=upload.size,
    )
    if checked.preview is not None:
        store_preview(attachment=attachment, png=checked.preview)
    return attachment
