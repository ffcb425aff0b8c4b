"""The feedback pages pass axe-core's WCAG 2.1 AA checks and work with the keyboard: the answer
page (personal link), the organizers' survey, question and report pages, and the results page
with the published summary."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from klimakreise.accounts.models import User
from klimakreise.demo.loader import ORGANIZER_EMAIL, load_demo
from klimakreise.editions.models import Edition
from klimakreise.feedback.links import make_token
from klimakreise.feedback.models import Response, Survey
from klimakreise.feedback.services import create_survey
from klimakreise.registrations.models import Registration
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PAST, UPCOMING = "magdeburg-2022", "magdeburg-3"


@pytest.fixture
def demo():
    load_demo()


def sign_in(page, live_server):
    client = Client()
    client.force_login(User.objects.get(email=ORGANIZER_EMAIL))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def open_upcoming_survey(*, ended=True) -> tuple[Survey, Registration]:
    """The upcoming edition's survey, open; with `ended` the edition is moved into the past, as
    personal links take answers only after the event."""
    if ended:
        start = timezone.now() - timedelta(days=2)
        Edition.objects.filter(slug=UPCOMING).update(start=start, end=start + timedelta(hours=5))
    edition = Edition.objects.get(slug=UPCOMING)
    survey = create_survey(edition=edition)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    person = edition.registrations.filter(status=Registration.Status.REGISTERED).first()
    return survey, person


def assert_no_violations(page, urls):
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        if violations := axe_violations(page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_answer_page_and_the_results_summary_are_accessible(page, demo):
    _, person = open_upcoming_survey()
    answer_url = reverse("feedback:answer", kwargs={"token": make_token(person)})
    results_url = reverse("results:page", kwargs={"slug": PAST})
    assert_no_violations(page, [answer_url, results_url])
    assert page.get_by_role("heading", name="Rückmeldungen der Teilnehmenden").count() == 1


def test_the_not_yet_open_closed_and_already_answered_pages_are_accessible(page, demo):
    survey, person = open_upcoming_survey(ended=False)
    not_yet = reverse("feedback:answer", kwargs={"token": make_token(person)})
    past = Survey.objects.get(edition__slug=PAST)
    closed = reverse("feedback:public_answer", kwargs={"slug": PAST, "key": past.public_key})
    assert_no_violations(page, [not_yet, closed])
    page.goto(not_yet)
    assert "Die Umfrage öffnet nach der Veranstaltung" in page.content()
    page.goto(closed)
    assert "Diese Umfrage ist geschlossen" in page.content()
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    public = reverse("feedback:public_answer", kwargs={"slug": UPCOMING, "key": survey.public_key})
    page.goto(public)  # before the event: the public link is not open yet either
    assert "Die Umfrage öffnet mit Beginn der Veranstaltung" in page.content()
    assert not axe_violations(page)
    # The event is on: the public link takes answers (personal links wait for its end).
    now = timezone.now()
    Edition.objects.filter(slug=UPCOMING).update(start=now, end=now + timedelta(hours=5))
    page.goto(public)
    page.check(f"#id_q{survey.questions.get(position=1).pk}_3")
    with page.expect_navigation():
        page.get_by_role("button", name="Antworten absenden").click()
    page.goto(public)
    assert "Sie haben diese Umfrage bereits beantwortet" in page.content()
    assert not axe_violations(page)


def test_the_answer_page_shows_errors_accessibly(page, demo):
    _, person = open_upcoming_survey()
    page.goto(reverse("feedback:answer", kwargs={"token": make_token(person)}))
    page.get_by_role("button", name="Antworten absenden").click()
    assert page.get_by_role("alert").count() >= 1
    assert not axe_violations(page)


def test_a_participant_answers_with_the_keyboard_only(page, demo):
    survey, person = open_upcoming_survey()
    page.goto(reverse("feedback:answer", kwargs={"token": make_token(person)}))
    first = survey.questions.get(position=1)
    page.focus(f"#id_q{first.pk}_0")
    page.keyboard.press("ArrowRight")  # radio groups move and select with the arrow keys
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form
    assert "Ihre Antworten sind gespeichert" in page.content()
    stored = Response.objects.get(registration=person)
    assert list(stored.answers.values_list("value", flat=True)) == ["4"]


def test_the_organizer_pages_are_accessible(page, live_server, demo):
    open_upcoming_survey()
    sign_in(page, live_server)
    urls = [
        reverse("feedback:survey", kwargs={"slug": PAST}),
        reverse("feedback:report", kwargs={"slug": PAST}),
        reverse("feedback:survey", kwargs={"slug": UPCOMING}),
        reverse("feedback:add_question", kwargs={"slug": UPCOMING}),
        reverse("feedback:report", kwargs={"slug": UPCOMING}),  # fewer than 3 answers
    ]
    assert_no_violations(page, urls)
    page.goto(reverse("feedback:report", kwargs={"slug": PAST}))
    page.get_by_text("Zahlen als Tabelle").first.press("Enter")  # <details> opens by keyboard
    assert page.locator("details[open] table").count() == 1
