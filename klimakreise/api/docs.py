"""The API documentation page: Swagger UI from our own static files, under our CSP."""

import json

from django.shortcuts import render
from ninja.openapi.docs import Swagger


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
