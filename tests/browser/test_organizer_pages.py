"""Organizer pages pass axe-core's WCAG 2.1 AA checks (colour contrast among them), signed in."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from klimakreise.accounts.models import User
from klimakreise.circles.models import AssignmentRun, Circle
from klimakreise.demo.loader import ORGANIZER_EMAIL, load_demo
from klimakreise.editions.models import Edition
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


PAST, UPCOMING = "magdeburg-2022", "magdeburg-3"

# Every organizer page of an edition, by URL name; the same for the past and the upcoming one.
EDITION_PAGES = (
    "backoffice:edition",
    "backoffice:edition_details",
    "backoffice:edition_edit",
    "registrations_organizer:list",
    "registrations_organizer:checkin",
    "registrations_organizer:add",
    "registrations_organizer:message",
    "registrations_organizer:import",
    "circles:assignment",
    "outbox:edition",
    "boards:overview",
    "boards:settings",
    "boards:console",
    "feedback:survey",
    "polls:list",
    "reports:edition",
    "results:review",
)
# Pages only a locked assignment has: its members, and the confirmation pages.
LOCKED_PAGES = ("circles:members", "circles:unfix")
RUN_PAGES = ("circles:proposal", "circles:lock", "circles:publish")


def edition_urls(slug: str) -> list[str]:
    edition = Edition.objects.get(slug=slug)
    urls = [reverse(name, kwargs={"slug": slug}) for name in EDITION_PAGES]
    child = {"slug": slug}
    for name, model in (
        ("backoffice:topic_edit", edition.topics),
        ("backoffice:circle_edit", Circle.objects.filter(edition=edition)),
        ("registrations_organizer:edit", edition.registrations),
    ):
        if first := model.order_by("pk").first():
            urls.append(reverse(name, kwargs={**child, "pk": first.pk}))
    return urls


def organizer_urls() -> list[str]:
    run = AssignmentRun.objects.filter(edition__slug=PAST).latest("pk")
    circle = Circle.objects.filter(edition__slug=PAST).order_by("pk").first()
    urls = [
        reverse("backoffice:home"),
        reverse("backoffice:series", kwargs={"series": "magdeburg"}),
    ]
    for slug in (PAST, UPCOMING):
        urls += edition_urls(slug)
    urls += [reverse(name, kwargs={"slug": PAST}) for name in LOCKED_PAGES]
    urls += [reverse(name, kwargs={"slug": PAST, "pk": run.pk}) for name in RUN_PAGES]
    urls.append(reverse("boards:history", kwargs={"slug": PAST, "pk": circle.pk}))
    for name in ("print_circles", "print_attendance", "print_badges"):
        address = reverse(f"circles:{name}", kwargs={"slug": PAST})
        urls.append(address + "?format=html&group=circle")
    return urls


def test_organizer_pages_have_no_accessibility_violations(organizer_page):
    found = {}
    for url in organizer_urls():
        response = organizer_page.goto(url)
        assert response.status == 200, url
        assert organizer_page.url.endswith(url), f"{url} redirected to {organizer_page.url}"
        if violations := axe_violations(organizer_page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
