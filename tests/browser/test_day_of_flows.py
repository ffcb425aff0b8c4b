"""The organizer's day-of flows in the browser: a cancellation after locking, a late sign-up placed
with one click, a topic forced open, and the cockpit's warnings leading to the page that fixes
them. Pages are in German (the browser asks for de-DE)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from klimakreise.circles.models import Circle, CircleMember
from klimakreise.circles.services import lock_run, run_assignment
from klimakreise.registrations.links import make_token
from klimakreise.registrations.models import Preference, Registration
from tests.browser.conftest import axe_violations
from tests.circles.factories import register
from tests.factories import CircleFactory, TopicFactory, UserFactory
from tests.outbox.factories import OutboxEmailFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return page


def url(name, edition, **kwargs):
    return reverse(name, kwargs={"slug": edition.slug, **kwargs})


@pytest.fixture
def locked(edition, organizer):
    """Two topics of 3–4 people, six people locked into "Mobilität" (moderated by Mona) and
    "Energie" (without moderator)."""
    a = TopicFactory(edition=edition, slug="a", title="Mobilität", min_size=3, max_size=4)
    b = TopicFactory(edition=edition, slug="b", title="Energie", min_size=3, max_size=4)
    people = [register(edition, [a, b], name=f"Anna {n}") for n in range(3)]
    people += [register(edition, [b, a], name=f"Bert {n}") for n in range(3)]
    mona = UserFactory(name="Mona Moderatorin")
    CircleFactory(topic=a, index=1, moderator=mona)
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    lock_run(run=run)
    circles = {c.topic.slug: c for c in Circle.objects.filter(edition=edition)}
    return {"a": a, "b": b, "people": people, "circle_a": circles["a"], "circle_b": circles["b"]}


def problems(page):
    return page.locator("section[aria-labelledby='problems-heading']")


def test_a_member_who_cancels_after_locking_frees_her_seat_and_leaves_no_problem(
    page, new_page, live_server, edition, organizer, locked
):
    anna = locked["people"][0]
    circle = CircleMember.objects.get(registration=anna).circle

    page.goto(reverse("registrations:personal", kwargs={"token": make_token(anna)}))
    page.locator("a[href$='/cancel/']").click()
    page.locator("form button.danger").click()
    expect(page.locator("main")).to_contain_text("Sie sind abgemeldet.")

    organizer_page = sign_in(new_page(), live_server, organizer)
    organizer_page.goto(url("circles:members", edition))
    section = organizer_page.locator(f"#circle-{circle.pk}")
    expect(section).not_to_contain_text(anna.name)
    expect(section.locator(".errorlist")).to_contain_text("Zu klein: 2 Mitglieder")
    assert axe_violations(organizer_page) == []

    organizer_page.goto(url("backoffice:edition", edition))
    expect(problems(organizer_page)).not_to_contain_text("in keinem Kreis")
    expect(organizer_page.locator("main")).not_to_contain_text(anna.name)


def test_an_organizer_cancels_a_member_and_the_members_page_shows_the_freed_seat(
    page, live_server, edition, organizer, locked
):
    bert = locked["people"][3]
    circle = CircleMember.objects.get(registration=bert).circle
    sign_in(page, live_server, organizer)

    page.goto(url("registrations_organizer:edit", edition, pk=bert.pk))
    page.locator("form[action$='/cancel/'] button").click()
    bert.refresh_from_db()
    assert bert.status == Registration.Status.CANCELLED

    page.goto(url("circles:members", edition))
    section = page.locator(f"#circle-{circle.pk}")
    expect(section).not_to_contain_text(bert.name)
    expect(section.locator("h2 .meta")).to_contain_text("2 Mitglieder")


def test_a_late_sign_up_is_confirmed_and_placed_in_the_suggested_circle_with_one_click(
    page, live_server, edition, organizer, locked
):
    late = register(edition, [locked["b"], locked["a"]], name="Lena Spät")
    late.status = Registration.Status.PENDING
    late.confirmed_at = None
    late.save()
    sign_in(page, live_server, organizer)

    page.goto(url("registrations_organizer:edit", edition, pk=late.pk))
    page.locator("form[action$='/confirm/'] button").click()
    late.refresh_from_db()
    assert late.status == Registration.Status.REGISTERED

    page.goto(url("backoffice:edition", edition))
    expect(problems(page)).to_contain_text("1 bestätigte Person ist in keinem Kreis.")
    problems(page).get_by_role("link", name="Kreisen zuordnen").click()
    expect(page).to_have_url(re.compile(r"/assignment/members/$"))
    row = page.locator(f"#unassigned-{late.pk}")
    expect(row).to_contain_text("Lena Spät")

    page.get_by_role("link", name="Kreise vorschlagen").click()
    page.locator(f"#unassigned-{late.pk}").get_by_role(
        "button", name=re.compile("^Bestätigen: ")
    ).click()

    expect(page.locator(f"#unassigned-{late.pk}")).to_have_count(0)
    member = CircleMember.objects.get(registration=late)
    assert member.circle == locked["circle_b"]  # her first wish, which has room
    expect(page.locator(f"#circle-{member.circle.pk}")).to_contain_text("Lena Spät")

    page.goto(url("backoffice:edition", edition))
    expect(problems(page)).not_to_contain_text("in keinem Kreis")


def test_a_topic_forced_open_in_the_topic_form_gets_a_circle_in_the_proposal(
    page, live_server, edition, organizer
):
    a = TopicFactory(edition=edition, slug="a", title="Mobilität", min_size=2, max_size=4)
    b = TopicFactory(edition=edition, slug="b", title="Energie", min_size=2, max_size=4)
    forest = TopicFactory(edition=edition, slug="wald", title="Wald", min_size=2, max_size=4)
    for n in range(4):
        register(edition, [a, b, forest], name=f"Anna {n}")
        register(edition, [b, a, forest], name=f"Bert {n}")
    assert not Preference.objects.filter(topic=forest, rank=1).exists()
    sign_in(page, live_server, organizer)

    page.goto(url("backoffice:topic_edit", edition, pk=forest.pk))
    page.get_by_label(re.compile("findet sicher statt", re.I)).fill("1")
    page.locator("main form button[type=submit]").first.click()
    forest.refresh_from_db()
    assert forest.min_groups == 1

    page.goto(url("circles:assignment", edition))
    page.get_by_label(re.compile("Zeitlimit")).fill("5")
    page.get_by_role("button", name="Berechnung starten").click()
    expect(page).to_have_url(re.compile(r"/assignment/runs/\d+/$"))
    circles = page.locator("section[aria-labelledby='circles-heading']")
    expect(circles.locator("h3", has_text="Wald")).to_have_count(1)
    assert axe_violations(page) == []


def test_the_cockpit_warnings_link_to_the_pages_that_fix_them(
    page, live_server, edition, organizer, locked
):
    failed = OutboxEmailFactory(
        edition=edition, status="failed", to="bert@kreise.example", last_error="550"
    )
    sign_in(page, live_server, organizer)
    cockpit = url("backoffice:edition", edition)

    page.goto(cockpit)
    expect(problems(page)).to_contain_text("1 Kreis hat keine Moderation.")
    expect(problems(page)).to_contain_text("1 E-Mail konnte nicht versendet werden.")
    assert axe_violations(page) == []

    problem = problems(page).locator("li", has_text="keine Moderation")
    problem.get_by_role("link", name="Kreise bearbeiten").click()
    expect(page).to_have_url(re.compile(r"/details/#circles-heading$"))
    circle = locked["circle_b"]
    page.locator(f"a[href='{url('backoffice:circle_edit', edition, pk=circle.pk)}']").click()
    page.get_by_label(re.compile(r"^Moderation \(Name\)")).fill("Maria Muster")
    page.locator("main form button[type=submit]").first.click()

    page.goto(cockpit)
    expect(problems(page)).not_to_contain_text("Moderation")
    problems(page).get_by_role("link", name="Zum E-Mail-Ausgang").click()
    expect(page).to_have_url(re.compile(r"/outbox/"))
    page.get_by_role("button", name=re.compile("^Jetzt erneut versuchen")).click()
    failed.refresh_from_db()
    assert failed.status == "queued"

    page.goto(cockpit)
    expect(problems(page)).not_to_contain_text("E-Mail")
