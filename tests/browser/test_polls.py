"""Date polls in the browser: the voter pages and the organizers' grid pass axe-core's WCAG 2.1
AA checks, and a person answers with the keyboard alone."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from klimakreise.polls.links import voter_path
from klimakreise.polls.models import Vote
from tests.browser.conftest import axe_violations
from tests.factories import EditionFactory, UserFactory
from tests.polls.factories import DatePollFactory, PollOptionFactory, VoteFactory, VoterFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def poll():
    edition = EditionFactory(title="2. Klimakreise")
    poll = DatePollFactory(edition=edition, title="Termin für die 3. Klimakreise")
    soon = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=50)
    options = [
        PollOptionFactory(
            poll=poll, start=soon + timedelta(days=7 * i), end=soon + timedelta(days=7 * i, hours=3)
        )
        for i in range(3)
    ]
    for name, answers in (("Anke Sommerfeld", "yes maybe no"), ("Bernd Kowalczyk", "no yes yes")):
        voter = VoterFactory(poll=poll, name=name, comment="Gern nachmittags")
        for option, answer in zip(options, answers.split(), strict=True):
            VoteFactory(voter=voter, option=option, answer=answer)
    return poll


def sign_in(page, live_server, series):
    user = UserFactory()
    series.organizers.add(user)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_voter_pages_pass_axe(page, poll):
    voter = VoterFactory(poll=poll, name="Carola Wendt", answered_at=None)
    for url in (voter_path(voter), reverse("polls:join", kwargs={"key": poll.share_key})):
        page.goto(url)
        assert page.locator("h1").inner_text() == poll.title
        assert "Anke Sommerfeld" not in page.content()
        assert axe_violations(page) == [], url


def test_invalid_answers_pass_axe(page, poll):
    page.goto(reverse("polls:join", kwargs={"key": poll.share_key}))
    page.get_by_role("button", name="Antworten speichern").click()
    assert page.locator("[aria-invalid=true]").count() >= 2
    assert axe_violations(page) == []


def test_the_grid_and_the_poll_list_pass_axe(page, live_server, poll):
    sign_in(page, live_server, poll.edition.series)
    kwargs = {"slug": poll.edition.slug}
    for url in (
        reverse("polls:detail", kwargs={**kwargs, "pk": poll.pk}),
        reverse("polls:list", kwargs=kwargs),
    ):
        page.goto(url)
        assert axe_violations(page) == [], url
    page.goto(reverse("polls:detail", kwargs={**kwargs, "pk": poll.pk}))
    assert page.locator("table.poll-grid tbody th[scope=row]").count() == 2


def test_a_person_answers_with_the_keyboard_alone(page, poll):
    voter = VoterFactory(poll=poll, name="Carola Wendt", answered_at=None)
    page.goto(voter_path(voter))
    page.locator("input[type=radio]").first.focus()
    for _ in range(3):  # each date: "ja" is first in its group; Space picks it, Tab moves on
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    page.keyboard.type("Passt gut")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_text("Ihre Antworten sind gespeichert").wait_for()
    assert set(Vote.objects.filter(voter=voter).values_list("answer", flat=True)) == {"yes"}
    voter.refresh_from_db()
    assert voter.comment == "Passt gut"
