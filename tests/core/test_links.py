"""Remembered links are the links reverse() gives, also under another script prefix."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from klimakreise.core.links import SiteLinks, remembered_reverse


def test_a_remembered_link_is_the_reversed_link():
    assert remembered_reverse("editions:edition", slug="magdeburg-2022") == reverse(
        "editions:edition", kwargs={"slug": "magdeburg-2022"}
    )
    assert remembered_reverse("editions:attachment", pk=7) != remembered_reverse(
        "editions:attachment", pk=8
    )


def test_a_remembered_link_follows_the_script_prefix():
    plain = remembered_reverse("core:home")
    set_script_prefix("/klima/")
    try:
        assert remembered_reverse("core:home") == "/klima/" + plain.lstrip("/")
        assert SiteLinks().home == reverse("core:home")
    finally:
        clear_script_prefix()
    assert remembered_reverse("core:home") == plain
