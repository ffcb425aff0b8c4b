from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from klimakreise.boards.previews import preview_png
from klimakreise.core.permissions import is_organizer
from klimakreise.editions.models import Attachment


@require_GET
def attachment_preview(request, pk):
    """The first page of a PDF attachment as PNG; same visibility as the file's download."""
    attachment = get_object_or_404(Attachment.objects.select_related("edition__series"), pk=pk)
    if not attachment.edition.is_public and not is_organizer(
        request.user, attachment.edition.series
    ):
        raise Http404
    png = preview_png(attachment)
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
