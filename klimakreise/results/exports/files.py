"""How exported documents refer to slides: absolute links, previews embedded as data: URIs."""

import base64
from dataclasses import replace

from django.conf import settings

from klimakreise.editions.previews import stored_preview_png


def absolute(path: str) -> str:
    return path if "://" in path else settings.SITE_URL + path


def _image_bytes(entry) -> tuple[bytes | None, str]:
    attachment = entry.attachment
    if attachment.content_type.startswith("image/"):
        try:
            with attachment.file.open("rb") as handle:
                return handle.read(), attachment.content_type
        except OSError:
            return None, ""
    if entry.preview_url is None:
        return None, ""
    return stored_preview_png(attachment), "image/png"


def embedded(entry):
    """The entry with an absolute download link and its preview as a data: URI (or none)."""
    data, content_type = _image_bytes(entry)
    preview = None
    if data:
        preview = f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
    return replace(entry, url=absolute(entry.url), preview_url=preview)


def linked(entry):
    """The entry with absolute links, for formats that are pasted elsewhere."""
    preview = absolute(entry.preview_url) if entry.preview_url else None
    return replace(entry, url=absolute(entry.url), preview_url=preview)
