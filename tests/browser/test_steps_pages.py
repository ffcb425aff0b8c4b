"""The follow-up pages pass axe-core's WCAG 2.1 AA checks and work with the keyboard alone."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from klimakreise.accounts.models import User
from klimakreise.boards.models import Card
from klimakreise.demo.loader import ORGANIZER_EMAIL, load_demo
from klimakreise.steps.links import make_token
from klimakreise.steps.models import StepFollowUp, StepUpdate
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server):
    client = Client()
    client.force_login(User.objects.get(email=ORGANIZER_EMAIL))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def personal_url(follow_up) -> str:
    return reverse("steps:personal", kwargs={"token": make_token(follow_up)})


def check(page, urls) -> dict:
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response.status in (200, 400), url
        if violations := axe_violations(page):
            found[url] = violations
    return found


def test_steps_pages_have_no_accessibility_violations(page, live_server):
    load_demo()
    follow_up = StepFollowUp.objects.filter(registration__isnull=False).order_by("pk").first()
    card = Card.objects.filter(step_updates__isnull=False).order_by("pk").first()
    series = reverse("steps:series", kwargs={"series": "magdeburg"})
    public = [
        personal_url(follow_up),
        "/e/magdeburg-2022/",  # the Rückblick on 2021
        "/e/magdeburg-3/",
        "/e/magdeburg-2022/results/",  # steps with their date, and the Rückblick
    ]
    found = check(page, public)
    sign_in(page, live_server)
    organizer = [
        series,
        f"{series}?overdue=on&status=in_progress",
        f"{series}?status=vielleicht",  # the filter's error message
        reverse("steps:step", kwargs={"series": "magdeburg", "card_id": card.pk}),
        reverse("boards:plenary", kwargs={"slug": "magdeburg-3"}),
    ]
    found.update(check(page, organizer))
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_a_status_is_updated_with_the_keyboard_alone(page):
    load_demo()
    follow_up = StepFollowUp.objects.filter(registration__isnull=False).order_by("pk").first()
    card = follow_up.card
    page.goto(personal_url(follow_up))
    status = page.locator(f"#id_step-{card.pk}-status")
    status.focus()
    page.keyboard.press("Tab")  # to the note
    page.keyboard.type("Mit der Tastatur gemeldet")
    page.keyboard.press("Shift+Tab")
    status.select_option("done")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the note's help text is no stop: the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Vielen Dank" in page.locator(".messages").inner_text()
    update = StepUpdate.objects.filter(card=card).order_by("-at", "-id").first()
    assert (update.status, update.note) == ("done", "Mit der Tastatur gemeldet")
