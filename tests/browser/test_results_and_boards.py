"""The published results page, a live circle board for two people, and the plenary view."""

import pytest
from playwright.sync_api import expect

from klimakreise.boards.models import BoardSettings
from klimakreise.registrations.links import make_token
from tests.boards.factories import make_circle, make_member
from tests.browser.conftest import axe_violations, save_screenshot
from tests.results.conftest import add_circles
from tests.results.factories import NextStepFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published_results(edition):
    from klimakreise.results.publication import publish_results

    circle, *_ = add_circles(edition, 3)
    NextStepFactory(circle=circle, text="Baumpatenschaften starten", responsible="Initiative")
    publish_results(edition=edition)
    return edition, circle


def test_results_page_expands_a_circle_and_shows_its_next_steps(page, published_results):
    edition, circle = published_results
    page.goto(f"/e/{edition.slug}/results/")
    section = page.locator("details", has_text=circle.name).first
    step = section.get_by_text("Baumpatenschaften starten")
    expect(step).to_be_hidden()
    section.locator("summary").click()
    expect(step).to_be_visible()
    save_screenshot(page, "results-page")
    assert axe_violations(page) == []


@pytest.fixture
def running_circle(edition):
    edition.status = "running"
    edition.save()
    circle = make_circle(edition, video_room_url="https://meet.example.org/kreis")
    return circle, make_member(circle), make_member(circle)


def open_as_member(page, circle, registration):
    page.goto(f"/circles/{circle.pk}/?t={make_token(registration)}")
    expect(page.locator("#board")).to_be_visible()


def test_a_card_added_by_one_member_appears_for_the_other_without_reload(new_page, running_circle):
    circle, ada, bob = running_circle
    ada_page, bob_page = new_page(), new_page()
    open_as_member(ada_page, circle, ada)
    open_as_member(bob_page, circle, bob)
    bob_page.evaluate("window.__no_reload = true")

    ada_page.locator("#id_column").select_option("ideas")
    ada_page.locator("#id_text").fill("Dachbegrünung auf Schulen")
    ada_page.locator("#add-card-submit").click()
    expect(ada_page.locator("#cards-ideas")).to_contain_text("Dachbegrünung auf Schulen")

    expect(bob_page.locator("#cards-ideas")).to_contain_text(
        "Dachbegrünung auf Schulen", timeout=15_000
    )
    assert bob_page.evaluate("window.__no_reload") is True, "the page must not have reloaded"
    assert axe_violations(bob_page) == []
    save_screenshot(bob_page, "workspace")


def test_a_refused_save_replaces_the_last_saved_message_with_not_saved(page, running_circle):
    """htmx swaps nothing on a 403: the page itself must say that the change was not saved."""
    circle, ada, _ = running_circle
    open_as_member(page, circle, ada)
    save_status = page.locator("#save-status")
    page.locator("#id_column").select_option("ideas")
    page.locator("#id_text").fill("Erste Idee")
    page.locator("#add-card-submit").click()
    expect(save_status).to_contain_text("Karte hinzugefügt.")

    # The organizers switch member editing off while the page is open.
    BoardSettings.objects.update_or_create(
        edition=circle.edition, defaults={"members_can_edit": False}
    )
    page.locator("#id_column").select_option("ideas")
    page.locator("#id_text").fill("Zu spät")
    page.locator("#add-card-submit").click()

    expect(save_status).to_have_text(
        "Nicht gespeichert: Sie dürfen hier nicht mehr bearbeiten. Bitte laden Sie die Seite neu."
    )
    expect(save_status.locator(".save-message.failed")).to_have_count(1)
    expect(page.locator("#cards-ideas")).not_to_contain_text("Zu spät")


def test_plenary_view_steps_through_the_circles_with_the_keyboard(page, published_results):
    edition, _ = published_results
    page.goto(f"/e/{edition.slug}/plenary/")
    first, second = page.locator(".plenary-slide").nth(0), page.locator(".plenary-slide").nth(1)
    expect(second).to_be_visible()  # the overview shows every circle
    page.keyboard.press("ArrowRight")
    expect(first).to_be_visible()
    expect(second).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(second).to_be_visible()
    expect(first).to_be_hidden()
    page.keyboard.press("Escape")
    expect(first).to_be_visible()
    expect(second).to_be_visible()
