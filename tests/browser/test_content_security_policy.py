# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""The Content-Security-Policy in a real browser: pages work under it, and a violation is seen."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import watch_csp
from tests.registrations.organizer_factories import event, people, url  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_api_docs_show_swagger_ui_from_our_own_files(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/api/v1/docs")

    page.locator(".opblock").first.wait_for()  # Swagger UI has read the OpenAPI schema
    assert "Klimakreise API" in page.locator(".info .title").inner_text()
    assert requested and all(u.startswith(live_server.url) for u in requested), requested


def test_organizer_list_with_its_demand_chart_runs_under_the_policy(
    page, live_server, organizer, event, people
):
    log_in(page, live_server, organizer)

    page.goto(url("list", event))

    bar = page.locator(".demand-bar svg").first
    assert bar.bounding_box()["width"] > 0  # the width attribute sizes the segment
    assert page.locator("#demand-table").is_visible()


def test_the_browser_reports_inline_style_as_a_violation(browser, live_server, settings, edition):
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(base_url=live_server.url)
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(edition.get_absolute_url())

    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">')")
    context.close()

    assert any("style-src" in violation for violation in violations), violations
