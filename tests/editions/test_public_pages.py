import pytest
from django.urls import reverse

from klimakreise.editions.models import Edition
from tests.backoffice.factories import AttachmentFactory
from tests.factories import (
    AgendaItemFactory,
    CircleFactory,
    EditionFactory,
    PartnerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_upcoming_and_past_public_editions(client):
    upcoming = EditionFactory(title="3. Klimakreise")
    EditionFactory(title="Entwurf", status=Edition.Status.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    assert upcoming.title in response.text
    assert "Entwurf" not in response.text


def test_edition_page_shows_agenda_talk_topics_partners_and_previous(client, edition):
    previous = EditionFactory(series=edition.series, title="1. Klimakreise")
    edition.previous = previous
    edition.save()
    AgendaItemFactory(edition=edition, kind="talk", title="Gute Beispiele", speaker="Ada Beispiel")
    TopicFactory(edition=edition, title="Ernährung & Landwirtschaft")
    PartnerFactory(edition=edition, thanks="für die Förderung")
    response = client.get(edition.get_absolute_url())
    text = response.text
    assert "Gute Beispiele" in text and "Ada Beispiel" in text
    assert "Ernährung &amp; Landwirtschaft" in text
    assert "für die Förderung" in text
    assert previous.get_absolute_url() in text


def test_draft_edition_page_is_not_found(client):
    draft = EditionFactory(status=Edition.Status.DRAFT)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text or "Page not found" in response.text


def test_unknown_edition_gives_a_friendly_404(client):
    response = client.get("/e/gibt-es-nicht/")
    assert response.status_code == 404
    assert "<main" in response.text


def test_markdown_intro_cannot_inject_script(client, edition):
    edition.intro = "Hallo <script>alert(1)</script> **fett**"
    edition.save()
    text = client.get(edition.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in text
    assert "<strong>fett</strong>" in text


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from klimakreise.core.cache import page_cache

    page_cache().clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_program(edition, items: int) -> None:
    for _ in range(items):
        TopicFactory(edition=edition)
        item = AgendaItemFactory(edition=edition)
        PartnerFactory(edition=edition)
        AttachmentFactory(edition=edition, agenda_item=item)
        AttachmentFactory(edition=edition)


def test_edition_page_lists_edition_and_agenda_files_but_not_circle_files(client, edition):
    talk = AgendaItemFactory(edition=edition, title="Impuls Stadtgrün")
    AttachmentFactory(edition=edition, agenda_item=talk, title="Folien zum Impuls")
    AttachmentFactory(edition=edition, title="Einladung als PDF")
    AttachmentFactory(edition=edition, circle=CircleFactory(edition=edition), title="Kreisfolien")
    text = client.get(edition.get_absolute_url()).text
    row = text[text.index("Impuls Stadtgrün") : text.index("</tr>", text.index("Impuls Stadtgrün"))]
    assert "Folien zum Impuls" in row
    documents = text[text.index('id="files-heading"') :]
    assert "Einladung als PDF" in documents and "Folien zum Impuls" not in documents
    assert "Kreisfolien" not in text


def test_edition_page_query_count_does_not_grow_with_topics_and_agenda(client):
    small, large = EditionFactory(), EditionFactory()
    add_program(small, 2)
    add_program(large, 12)
    assert count_queries(client, small.get_absolute_url()) == count_queries(
        client, large.get_absolute_url()
    )


def test_edition_page_is_served_from_cache_until_content_changes(
    client, edition, django_assert_max_num_queries
):
    url = edition.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(1):  # one cache read
        cached = client.get(url)
    assert edition.title in cached.text
    edition.title = "Neuer Titel"
    edition.save()
    assert "Neuer Titel" in client.get(url).text


def test_language_switch_sets_the_cookie_and_returns_to_the_page(client, edition):
    page = edition.get_absolute_url()
    response = client.get(reverse("core:language", args=["en"]) + f"?next={page}")
    assert response.status_code == 302 and response["Location"] == page
    assert 'lang="en"' in client.get(page).text
    assert client.cookies["django_language"].value == "en"


def test_language_switch_refuses_foreign_redirects(client):
    response = client.get(reverse("core:language", args=["en"]) + "?next=https://evil.example/")
    assert response["Location"] == "/"


def heading_levels(html: str) -> list[int]:
    import re

    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


@pytest.mark.parametrize("page", ["home", "series"])
def test_headings_go_down_one_level_at_a_time(client, page):
    from datetime import UTC, datetime

    past = EditionFactory(title="1. Klimakreise", start=datetime(2021, 6, 1, 14, tzinfo=UTC))
    EditionFactory(series=past.series, title="3. Klimakreise")
    url = "/" if page == "home" else past.series.get_absolute_url()

    levels = heading_levels(client.get(url).content.decode())

    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_edition_page_marks_a_topic_that_does_not_take_place(client, edition):
    TopicFactory(edition=edition, title="Energie")
    TopicFactory(edition=edition, title="Wald", cancelled=True)

    text = client.get(edition.get_absolute_url()).content.decode()

    assert text.count("Dieser Kreis findet nicht statt.") == 1
    assert text.index("Wald") < text.index("Dieser Kreis findet nicht statt.")
