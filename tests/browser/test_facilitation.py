"""Facilitation across circles in the browser: the console's timer and message reach the boards of
two circles and the plenary; hidden writing sends another person's card to nobody's browser
before the reveal; axe finds nothing on the console and the board. Pages are in German."""

import re

import pytest
from playwright.sync_api import expect

from klimakreise.boards.models import CircleState
from klimakreise.boards.services import facilitation
from tests.boards.factories import make_circle, make_member
from tests.browser.conftest import axe_violations, save_screenshot
from tests.browser.test_day_of_flows import sign_in
from tests.browser.test_results_and_boards import open_as_member, running_circle  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

REFRESH_MS = 10_000  # a few of the board's 3-second refresh cycles
ACTOR = {"actor_user": None}
COUNTDOWN = re.compile(r"^\([45]:\d\d\)$")


def console_action(page, edition, action, **fields):
    """Runs one console action for all circles, as an organizer does."""
    page.goto(f"/manage/e/{edition.slug}/console/")
    page.locator("#id_action").select_option(action)
    page.locator("#id_target").select_option("all")
    for name, value in fields.items():
        page.locator(f"#id_{name}").fill(value)
    page.get_by_role("button", name="Ausführen").click()
    expect(page.locator("body")).to_contain_text("Erledigt.")


@pytest.fixture
def two_circles(running_circle):  # noqa: F811
    circle, ada, _bob = running_circle
    other = make_circle(circle.edition)
    return circle, ada, other, make_member(other)


def test_the_consoles_timer_and_message_appear_on_every_board_and_the_plenary(
    new_page, live_server, organizer, two_circles
):
    circle, ada, other, cleo = two_circles
    ada_page, cleo_page = new_page(), new_page()
    open_as_member(ada_page, circle, ada)
    open_as_member(cleo_page, other, cleo)
    console = sign_in(new_page(), live_server, organizer)

    console_action(console, circle.edition, "timer", minutes="5")
    console_action(console, circle.edition, "broadcast", text="Bitte zum Ende kommen")

    for board in (ada_page, cleo_page):
        expect(board.locator(".facilitation-timer time.countdown")).to_be_visible(
            timeout=REFRESH_MS
        )
        # timer.js counts down to the end the server keeps: "(4:59)" or so.
        expect(board.locator(".facilitation-timer .countdown-left")).to_have_text(COUNTDOWN)
        expect(board.locator(".facilitation-broadcast")).to_contain_text(
            "Bitte zum Ende kommen", timeout=REFRESH_MS
        )
    console.goto(f"/e/{circle.edition.slug}/plenary/")
    facilitation_block = console.locator("#plenary-facilitation")
    expect(facilitation_block.locator("time.countdown")).to_have_count(1)
    expect(facilitation_block.locator(".countdown-left")).to_have_text(COUNTDOWN)
    expect(facilitation_block).to_contain_text("Bitte zum Ende kommen")
    save_screenshot(console, "plenary-facilitation")


def test_hidden_writing_sends_another_members_card_to_no_browser_before_the_reveal(
    new_page,
    live_server,
    organizer,
    running_circle,  # noqa: F811
):
    circle, ada, bob = running_circle
    secret = "Geheime Idee von Ada 4711"
    facilitation.set_phase(circles=[circle], phase=CircleState.Phase.HIDDEN_WRITING, actor=ACTOR)
    ada_page, bob_page = new_page(), new_page()
    received = []
    bob_page.on("response", lambda response: received.append(response))
    open_as_member(ada_page, circle, ada)
    open_as_member(bob_page, circle, bob)

    expect(bob_page.locator("#board-live")).to_have_text("Live")  # Bob's stream is open
    ada_page.locator("#id_column").select_option("ideas")
    ada_page.locator("#id_text").fill(secret)
    # Ada's card is pushed to Bob's board as a change: his board refreshes because of it.
    with bob_page.expect_response(lambda r: "/board/" in r.url, timeout=REFRESH_MS):
        ada_page.locator("#add-card-submit").click()
        expect(ada_page.locator("#cards-ideas")).to_contain_text(secret)
    assert secret not in bob_page.content()
    bodies = [_body(response) for response in list(received)]
    assert any("/board/" in response.url for response in received)
    assert not [url for url, body in bodies if secret in body]

    console = sign_in(new_page(), live_server, organizer)
    console_action(console, circle.edition, "reveal")
    expect(bob_page.locator("#cards-ideas")).to_contain_text(secret, timeout=REFRESH_MS)


def _body(response) -> tuple[str, str]:
    """The response's text; a stream that is still open, or a redirect, has no body to read."""
    if "event-stream" in response.headers.get("content-type", ""):
        return response.url, ""
    try:
        return response.url, response.body().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 (redirects and aborted requests carry no body)
        return response.url, ""


def test_axe_finds_nothing_on_the_console_and_the_board_with_timer_and_message(
    new_page,
    live_server,
    organizer,
    running_circle,  # noqa: F811
):
    circle, ada, _bob = running_circle
    facilitation.start_timer(circles=[circle], minutes=10, actor=ACTOR)
    facilitation.broadcast(circles=[circle], text="Noch zehn Minuten", actor=ACTOR)
    facilitation.call_to_plenary(circles=[circle], actor=ACTOR)
    board = new_page()
    open_as_member(board, circle, ada)
    expect(board.locator(".facilitation-broadcast")).to_contain_text("Noch zehn Minuten")
    assert axe_violations(board) == []

    console = sign_in(new_page(), live_server, organizer)
    console.goto(f"/manage/e/{circle.edition.slug}/console/")
    expect(console.locator("h1")).to_be_visible()
    assert axe_violations(console) == []
    console.locator("#id_action").select_option("timer")
    console.locator("#id_minutes").fill("500")
    # The browser would refuse 500 itself (max="120"); the server's answer is checked here.
    console.locator("form.console-form").evaluate("form => { form.noValidate = true; }")
    console.get_by_role("button", name="Ausführen").click()
    expect(console.locator("#id_minutes_error")).to_be_visible()
    assert axe_violations(console) == []

    console.goto(f"/e/{circle.edition.slug}/plenary/")
    expect(console.locator("#plenary-facilitation")).to_contain_text("Noch zehn Minuten")
    assert axe_violations(console) == []
