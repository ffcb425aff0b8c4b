"""The board as a board: quick-add at the top of each column, dragging cards with the mouse,
stacks with a title; typed text survives a refresh; axe finds nothing on a board with stacks."""

import re

import pytest
from playwright.sync_api import expect

from klimakreise.boards import services
from klimakreise.boards.models import Card, CardStack
from tests.browser.conftest import axe_violations, save_screenshot
from tests.browser.test_results_and_boards import open_as_member, running_circle  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def _card(circle, member, text, column="ideas"):
    return services.add_card(
        circle=circle, column=column, text=text, actor={"actor_registration": member}
    )


def test_quick_add_adds_a_card_in_its_column(page, running_circle):  # noqa: F811
    circle, ada, _ = running_circle
    open_as_member(page, circle, ada)
    field = page.get_by_label("Neue Karte in „Nächste Schritte“")
    field.fill("Flyer drucken")
    field.press("Enter")
    expect(page.locator("#cards-next_steps")).to_contain_text("Flyer drucken")
    expect(page.locator("#save-status")).to_contain_text("Karte hinzugefügt.")
    expect(field).to_have_value("")
    assert Card.objects.get(text="Flyer drucken").column == "next_steps"


def test_an_empty_quick_add_shows_the_error_next_to_the_field(page, running_circle):  # noqa: F811
    circle, ada, _ = running_circle
    open_as_member(page, circle, ada)
    page.locator("#quick-add-submit-ideas").click()
    expect(page.locator("#quick-add-error-ideas")).to_contain_text("Text:")
    expect(page.locator("#quick-add-text-ideas")).to_have_attribute("aria-invalid", "true")
    assert not Card.objects.exists()
    # Kept through refreshes again, and the error goes with the next card added.
    expect(page.locator("#quick-add-ideas")).to_have_attribute("hx-preserve", "true")
    page.locator("#quick-add-text-ideas").fill("Jetzt mit Text")
    page.locator("#quick-add-submit-ideas").click()
    expect(page.locator("#cards-ideas")).to_contain_text("Jetzt mit Text")
    expect(page.locator("#quick-add-error-ideas")).to_have_count(0)


def test_typed_quick_add_text_survives_a_refresh(new_page, running_circle):  # noqa: F811
    circle, ada, bob = running_circle
    ada_page, bob_page = new_page(), new_page()
    open_as_member(ada_page, circle, ada)
    open_as_member(bob_page, circle, bob)
    bob_page.locator("#quick-add-text-ideas").fill("Halb getippt")
    bob_page.locator("#board-title").click()  # the focus leaves the field: refreshes may run
    _card(circle, ada, "Von Ada")
    expect(bob_page.locator("#cards-ideas")).to_contain_text("Von Ada", timeout=15_000)
    expect(bob_page.locator("#quick-add-text-ideas")).to_have_value("Halb getippt")


def _tall_window(page):
    # elementFromPoint sees the viewport only: both ends of a drag must be on screen.
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.locator(".board-columns").scroll_into_view_if_needed()


def _drag(page, source, target, *, steps=12):
    _tall_window(page)
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] * 0.9, steps=steps)
    page.mouse.up()


def test_dragging_a_card_with_the_mouse_moves_it_to_another_column(page, running_circle):  # noqa: F811
    circle, ada, _ = running_circle
    card = _card(circle, ada, "Zum Verschieben")
    _card(circle, ada, "Schon da", column="responsibilities")
    open_as_member(page, circle, ada)
    handle = page.locator(f"#card-{card.pk} .drag-handle")
    _drag(page, handle, page.locator(".board-column[data-column='responsibilities']"))
    expect(page.locator("#cards-responsibilities")).to_contain_text("Zum Verschieben")
    expect(page.locator("#save-status")).to_contain_text("Karte verschoben.")
    card.refresh_from_db()
    assert card.column == "responsibilities"


def test_dropping_a_card_onto_another_stacks_them(page, running_circle):  # noqa: F811
    circle, ada, _ = running_circle
    first = _card(circle, ada, "Radwege ausbauen")
    second = _card(circle, ada, "Fahrradstraßen")
    open_as_member(page, circle, ada)
    source = page.locator(f"#card-{second.pk} .drag-handle")
    target = page.locator(f"#card-{first.pk}")
    _tall_window(page)
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 3, start["y"] + 3)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=12)
    page.mouse.up()
    expect(page.locator(".board-stack .stack-title")).to_contain_text("Radwege ausbauen")
    assert CardStack.objects.get().cards.count() == 2


def test_a_stack_made_with_the_keyboard_shows_its_title_and_axe_finds_nothing(
    page,
    running_circle,  # noqa: F811
):
    circle, ada, _ = running_circle
    first = _card(circle, ada, "Solardach Turnhalle")
    second = _card(circle, ada, "Solardach Rathaus")
    _card(circle, ada, "Baumpatenschaften")
    open_as_member(page, circle, ada)
    page.locator(f"#stack-with-{second.pk}").click()
    page.locator(f"#stack-target-{second.pk}").select_option(f"card-{first.pk}")
    page.locator(f"#stack-title-new-{second.pk}").fill("Solar")
    page.locator(f"#stack-with-submit-{second.pk}").press("Enter")
    stack = page.locator(".board-stack")
    expect(stack.locator(".stack-title")).to_contain_text("Solar")
    expect(stack.locator(".board-card")).to_have_count(2)
    page.locator(".stack-tools summary").click()  # the rename form open, too
    page.locator("details.card-stack-with summary").first.click()  # and a "Stack with" form
    save_screenshot(page, "board-with-stack")
    assert axe_violations(page) == []


def test_a_refresh_waits_until_the_dragged_card_is_dropped(new_page, running_circle):  # noqa: F811
    circle, ada, bob = running_circle
    card = _card(circle, ada, "Unterwegs")
    page = new_page()
    open_as_member(page, circle, ada)
    _tall_window(page)
    handle = page.locator(f"#card-{card.pk} .drag-handle").bounding_box()
    page.mouse.move(handle["x"] + 3, handle["y"] + 3)
    page.mouse.down()
    page.mouse.move(handle["x"] + 40, handle["y"] + 60, steps=5)
    expect(page.locator(f"#card-{card.pk}")).to_have_class(re.compile("drag-source"))
    _card(circle, bob, "Während des Ziehens")
    page.wait_for_timeout(4_000)  # more than one refresh cycle (3 s)
    expect(page.locator("#cards-ideas")).not_to_contain_text("Während des Ziehens")
    expect(page.locator(f"#card-{card.pk}")).to_have_class(re.compile("drag-source"))
    page.keyboard.press("Escape")  # cancelled: nothing is sent, the refresh follows
    expect(page.locator("#cards-ideas")).to_contain_text("Während des Ziehens", timeout=10_000)
    card.refresh_from_db()
    assert card.version == 1 and card.column == "ideas"


def test_dragging_with_a_finger_moves_a_card_too(page, running_circle):  # noqa: F811
    circle, ada, _ = running_circle
    card = _card(circle, ada, "Mit dem Finger")
    open_as_member(page, circle, ada)
    _tall_window(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    start = page.locator(f"#card-{card.pk} .drag-handle").bounding_box()
    end = page.locator(".board-column[data-column='next_steps']").bounding_box()
    x, y = start["x"] + 4, start["y"] + 4
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {
            "x": x + (end["x"] + end["width"] / 2 - x) * step / 10,
            "y": y + (end["y"] + end["height"] * 0.9 - y) * step / 10,
        }
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    expect(page.locator("#cards-next_steps")).to_contain_text("Mit dem Finger")
    card.refresh_from_db()
    assert card.column == "next_steps"
