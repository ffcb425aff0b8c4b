# ruff: noqa: F811 (the shared fixture is imported, then requested as a parameter)
"""Content-Security-Policy on every page, page templates free of inline code, API docs offline."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import path

from tests.registrations.organizer_factories import event, url  # noqa: F401

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2] / "klimakreise"
# Rendered to PDF by WeasyPrint, never sent to a browser: their <style> blocks are fine.
PDF_TEMPLATES = {"demo/slides.html", "results/export/document.html"}
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"  # inline script
    r"|<style\b"  # style block
    r"|\sstyle\s*="  # style attribute
    r"|\son[a-z]+\s*="  # event handler attribute
    r"|javascript:",
    re.IGNORECASE,
)


def policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def assert_strict_policy(response):
    directives = policy(response)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # a nonce appears only where a page used one
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_public_pages_send_the_policy(client, edition):
    for page in ["/", edition.get_absolute_url(), "/accounts/login/"]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_strict_policy(response)


def test_a_page_from_the_page_cache_still_sends_the_policy(client, edition):
    client.get(edition.get_absolute_url())

    assert_strict_policy(client.get(edition.get_absolute_url()))


def test_organizer_pages_send_the_policy(client_for, organizer, event):
    client = client_for(organizer)
    for page in ["/manage/", url("list", event), url("add", event)]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_strict_policy(response)


def test_api_docs_send_the_policy_and_load_swagger_ui_from_our_static_files(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert_strict_policy(response)
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert all(source.startswith("/static/") for source in sources), sources
    assert finders.find("ninja/swagger-ui-bundle.js") and finders.find("klimakreise/api-docs.js")
    assert 'data-swagger-settings="{&quot;' in html  # settings as data, not as inline script
    assert not INLINE_CODE.search(html)


def test_not_found_page_sends_the_policy(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_strict_policy(response)


def _fails(request):
    raise RuntimeError("boom")


urlpatterns = [path("fails/", _fails)]
handler500 = "klimakreise.core.views.server_error"


def test_server_error_page_sends_the_policy(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get("/fails/")

    assert response.status_code == 500
    assert_strict_policy(response)


def page_templates() -> list[Path]:
    templates = [*ROOT.glob("*/templates/**/*.html"), *ROOT.glob("*/jinja2/**/*.html")]
    # Emails are not pages: mail programs need their inline styles and ignore the header.
    return [
        template
        for template in templates
        if "email" not in template.parts and _name(template) not in PDF_TEMPLATES
    ]


def _name(template: Path) -> str:
    parts = template.parts
    base = max(i for i, part in enumerate(parts) if part in {"templates", "jinja2"})
    return "/".join(parts[base + 1 :])


def test_page_templates_have_no_inline_script_style_or_handlers():
    found = [
        f"{_name(template)}: {match.group(0)}"
        for template in page_templates()
        for match in INLINE_CODE.finditer(template.read_text())
    ]

    assert len(page_templates()) > 50  # the scan really sees the templates
    assert found == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<style>p {}</style>",
        '<p style="color: red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ],
)
def test_the_template_scan_recognises_inline_code(snippet):
    assert INLINE_CODE.search(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/boards/board.js"></script>',
        '<script type="application/json" id="data">{}</script>',
        '<div class="onboarding" data-style="x">',
    ],
)
def test_the_template_scan_accepts_files_and_data(snippet):
    assert not INLINE_CODE.search(snippet)
