"""The API documentation page: Swagger UI from our own static files, under our CSP."""

import json
from pathlib import Path

import ninja
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from django.shortcuts import render
from ninja.openapi.docs import Swagger

NINJA_STATIC = Path(ninja.__file__).resolve().parent / "static"
# The source maps come along because the manifest storage checks the files that the bundle
# and the stylesheet name in their sourceMappingURL comments.
SWAGGER_UI_FILES = (
    "ninja/swagger-ui-bundle.js",
    "ninja/swagger-ui-bundle.js.map",
    "ninja/swagger-ui.css",
    "ninja/swagger-ui.css.map",
)


class LocalSwagger(Swagger):
    """Swagger UI that never falls back to ninja's CDN template and runs no inline script.

    Its settings travel in a data- attribute, read by a static script (core api-docs.js), so
    the Content-Security-Policy needs neither 'unsafe-inline' nor a nonce here.
    """

    template = "core/api_docs.html"

    def render_page(self, request, api, **kwargs):
        swagger_settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"api": api, "swagger_settings": json.dumps(swagger_settings)}
        return render(request, self.template, context)


class SwaggerUIFinder(BaseFinder):
    """Offers collectstatic django-ninja's Swagger UI files only.

    With "ninja" in INSTALLED_APPS its 4 MB of unused ReDoc would be collected and compressed
    too, which every fresh installation's first `klimakreise serve` waits for.
    """

    storage = FileSystemStorage(location=NINJA_STATIC)

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        found = [str(NINJA_STATIC / path)] if path in SWAGGER_UI_FILES else []
        return found if find_all else next(iter(found), None)

    def list(self, ignore_patterns):
        for path in SWAGGER_UI_FILES:
            yield path, self.storage
