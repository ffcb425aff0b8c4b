"""Push: a card saved by one member appears on the other's board within a second, over the
stream (the live test server is a threaded WSGI server, so it holds streams next to requests);
after the connection was interrupted the board catches up."""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.test_results_and_boards import open_as_member, running_circle  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _streams_on(settings):
    settings.BOARD_STREAM = True


@pytest.fixture(autouse=True)
def _short_streams(settings):
    # Streams end and reconnect (with Last-Event-ID) every few seconds: the test server's
    # threads are freed, and reconnecting is exercised too.
    settings.BOARD_STREAM_SECONDS = 4


def _add_card(page, text):
    page.locator("#id_column").select_option("ideas")
    page.locator("#id_text").fill(text)
    with page.expect_response(lambda r: "/cards/add/" in r.url):
        page.locator("#add-card-submit").click()


def test_a_saved_card_reaches_the_other_board_within_a_second(new_page, running_circle):  # noqa: F811
    circle, ada, bob = running_circle
    ada_page, bob_page = new_page(), new_page()
    open_as_member(ada_page, circle, ada)
    open_as_member(bob_page, circle, bob)
    expect(bob_page.locator("#board-live")).to_have_text("Live")
    bob_page.evaluate("window.__no_reload = true")

    _add_card(ada_page, "Solardach für die Turnhalle")
    bob_page.wait_for_selector("#cards-ideas :text('Solardach für die Turnhalle')", timeout=1000)
    assert bob_page.evaluate("window.__no_reload") is True


def test_after_an_interruption_the_board_catches_up(new_page, running_circle):  # noqa: F811
    circle, ada, bob = running_circle
    ada_page, bob_page = new_page(), new_page()
    open_as_member(ada_page, circle, ada)
    open_as_member(bob_page, circle, bob)
    expect(bob_page.locator("#board-live")).to_have_text("Live")

    bob_page.context.set_offline(True)
    _add_card(ada_page, "Während der Funkstille")
    time.sleep(1)
    bob_page.context.set_offline(False)
    expect(bob_page.locator("#cards-ideas")).to_contain_text(
        "Während der Funkstille", timeout=10_000
    )
    expect(bob_page.locator("#board-live")).to_have_text("Live", timeout=10_000)
