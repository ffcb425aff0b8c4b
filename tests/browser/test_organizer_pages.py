"""Organizer pages pass axe-core's WCAG 2.1 AA checks (colour contrast among them), signed in."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from klimakreise.accounts.models import User
from klimakreise.circles.models import AssignmentRun
from klimakreise.demo.loader import ORGANIZER_EMAIL, load_demo
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def organizer_page(page, live_server):
    """The browser page, signed in as the demo's organizer, with the demo loaded."""
    load_demo()
    client = Client()
    client.force_login(User.objects.get(email=ORGANIZER_EMAIL))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return page


def organizer_urls() -> list[str]:
    run = AssignmentRun.objects.filter(edition__slug="magdeburg-2022").latest("pk")
    urls = [
        reverse("backoffice:edition", kwargs={"slug": "magdeburg-2022"}),
        reverse("backoffice:edition_details", kwargs={"slug": "magdeburg-2022"}),
        reverse("circles:proposal", kwargs={"slug": "magdeburg-2022", "pk": run.pk}),
        reverse("outbox:edition", kwargs={"slug": "magdeburg-2022"}),
    ]
    for name in ("print_circles", "print_attendance", "print_badges"):
        address = reverse(f"circles:{name}", kwargs={"slug": "magdeburg-2022"})
        urls.append(address + "?format=html&group=circle")
    for slug in ("magdeburg-2022", "magdeburg-3"):
        urls.append(reverse("registrations_organizer:list", kwargs={"slug": slug}))
    return urls


def test_organizer_pages_have_no_accessibility_violations(organizer_page):
    found = {}
    for url in organizer_urls():
        response = organizer_page.goto(url)
        assert response.status == 200, url
        assert "/accounts/login" not in organizer_page.url
        if violations := axe_violations(organizer_page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
