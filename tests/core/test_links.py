"""Remembered links are the links reverse() gives, also under another script prefix."""

from urllib.parse import quote

from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from klimakreise.core.links import SiteLinks, remembered_reverse


def test_a_remembered_link_is_the_reversed_link():
    assert remembered_reverse("editions:edition", slug="magdeburg-2022") == reverse(
        "editions:edition", kwargs={"slug": "magdeburg-2022"}
    )
    assert remembered_reverse("editions:attachment", pk=7) != remembered_reverse(
        "editions:attachment", pk=8
    )


def test_a_remembered_link_follows_the_script_prefix():
    plain = remembered_reverse("editions:home")
    set_script_prefix("/klima/")
    try:
        assert remembered_reverse("editions:home") == "/klima/" + plain.lstrip("/")
        assert SiteLinks().home == reverse("editions:home")
    finally:
        clear_script_prefix()
    assert remembered_reverse("editions:home") == plain


def test_the_language_switch_offers_the_other_languages_and_returns_to_the_page(rf):
    request = rf.get("/e/magdeburg-2022/results/", {"q": "Grün & Blau"})
    with translation.override("de"):
        links = SiteLinks(request).other_languages

    assert [(link.code, link.name) for link in links] == [("en", "English")]
    expected_back = quote(request.get_full_path(), safe="/")
    assert links[0].url == reverse("core:language", args=["en"]) + "?next=" + expected_back
    assert "&" not in links[0].url.split("?next=")[1]  # the page's own query stays inside next


def test_the_base_layout_links_each_other_language_in_its_own_name(client, db):
    page = client.get(reverse("editions:home"), headers={"accept-language": "en"}).text
    assert 'lang="de" hreflang="de">Deutsch</a>' in page
    assert 'hreflang="en"' not in page
