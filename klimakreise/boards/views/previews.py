from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from klimakreise.boards.previews import preview_png
from klimakreise.editions.views import get_visible_attachment


@require_GET
def attachment_preview(request, pk):
    """The first page of a PDF attachment as PNG; same visibility as the file's download."""
    attachment = get_visible_attachment(request, pk)
    png = preview_png(attachment)
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
