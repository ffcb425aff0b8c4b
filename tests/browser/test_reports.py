"""The funder report pages pass axe-core's WCAG 2.1 AA checks and work with the keyboard."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from klimakreise.accounts.models import User
from klimakreise.demo.loader import ORGANIZER_EMAIL, load_demo
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def organizer_page(page, live_server):
    load_demo()
    client = Client()
    client.force_login(User.objects.get(email=ORGANIZER_EMAIL))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return page


def test_report_pages_have_no_accessibility_violations(organizer_page):
    urls = [
        reverse("reports:edition", kwargs={"slug": "magdeburg-2022"}),
        reverse("reports:edition", kwargs={"slug": "magdeburg-3"}),
        reverse("reports:series", kwargs={"series": "magdeburg"}),
    ]
    found = {}
    for url in urls:
        response = organizer_page.goto(url)
        assert response.status == 200, url
        if violations := axe_violations(organizer_page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_downloads_are_reached_with_the_keyboard(organizer_page):
    organizer_page.goto(reverse("reports:edition", kwargs={"slug": "magdeburg-2022"}))
    for _ in range(60):
        organizer_page.keyboard.press("Tab")
        focused = organizer_page.evaluate("document.activeElement.getAttribute('href')")
        if focused == "?format=xlsx":
            break
    else:
        pytest.fail("the XLSX download cannot be reached with Tab")
    with organizer_page.expect_download() as download:
        organizer_page.keyboard.press("Enter")
    assert download.value.suggested_filename == "magdeburg-2022-report.xlsx"
