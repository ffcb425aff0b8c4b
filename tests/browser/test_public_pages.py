import pytest

from tests.browser.conftest import axe_violations, save_screenshot
from tests.factories import AgendaItemFactory, PartnerFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_edition_page_has_no_accessibility_violations(page, edition):
    AgendaItemFactory(edition=edition, kind="talk", title="Impuls", speaker="Ada Beispiel")
    TopicFactory(edition=edition, title="Mobilität", description="Rad, Bus und Bahn")
    PartnerFactory(edition=edition)
    page.goto(edition.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text().startswith(edition.title)
    assert axe_violations(page) == []
    save_screenshot(page, "edition-page")


def test_language_switch_shows_the_page_in_english(page, edition):
    page.goto(edition.get_absolute_url())
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
