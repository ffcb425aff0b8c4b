"""The base layout's language switch: each other language in its own name, back to the page."""

from urllib.parse import quote

from django.urls import reverse


def test_the_base_layout_links_each_other_language_in_its_own_name(client, db):
    page = client.get(reverse("editions:home"), headers={"accept-language": "en"}).text
    assert 'lang="de" hreflang="de">Deutsch</a>' in page
    assert 'hreflang="en"' not in page


def test_the_language_switch_returns_to_the_page_with_its_query(client, db):
    path = reverse("editions:home") + "?q=" + quote("Grün & Blau")
    page = client.get(path, headers={"accept-language": "de"}).text

    back = quote(path, safe="/")
    assert f'href="{reverse("core:language", args=["en"])}?next={back}"' in page
    assert "&" not in back  # the page's own query stays inside next
