"""The Rückblick: the previous edition's steps on the next edition's page, plenary and exports."""

import pytest
from django.urls import reverse
from django.utils import translation

from klimakreise.editions.models import AgendaItem
from klimakreise.results.data import gather_results
from klimakreise.results.exports import FORMATS
from klimakreise.results.queries import results_queryset
from klimakreise.steps.review import previous_steps, review_heading
from klimakreise.steps.services import update_step
from tests.factories import AgendaItemFactory, RegistrationFactory
from tests.steps.factories import make_circle, published, step_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world):
    """The previous edition's step with a status and a dated note."""
    update_step(card=world.own, version=1, status="done", note="Antrag eingereicht", by="organizer")
    return world


def test_heading_in_german_and_english():
    with translation.override("de"):
        assert review_heading(3) == "Was wurde aus den Schritten der 3. Klimakreise?"
    with translation.override("en"):
        assert review_heading(1) == "What became of the steps of the 1st Klimakreise?"
        assert review_heading(12) == "What became of the steps of the 12th Klimakreise?"
        assert review_heading(22) == "What became of the steps of the 22nd Klimakreise?"


def test_previous_steps_by_circle(reported, next_edition, django_assert_max_num_queries):
    step_card(make_circle(reported.edition), text="Zweiter Kreis")
    with django_assert_max_num_queries(3):
        review = previous_steps(next_edition)
        circles = review.circles
    assert review.previous == reported.edition
    assert [len(c.steps) for c in circles] == [3, 1]
    done = next(s for s in review.steps if s.id == reported.own.pk)
    assert (done.status, done.note) == ("done", "Antrag eingereicht")
    assert done.note_at is not None


def test_no_review_without_a_published_previous_edition(world):
    assert previous_steps(world.edition) is None


def test_the_edition_page_shows_the_review(client, reported, next_edition):
    page = client.get(next_edition.get_absolute_url()).text
    heading = f"Was wurde aus den Schritten der {reported.edition.number}. Klimakreise?"
    assert heading in page
    assert 'id="rueckblick"' in page
    assert "Antrag eingereicht" in page
    assert reported.member.name not in page


def test_the_edition_page_of_the_first_edition_has_none(client, world):
    assert 'id="rueckblick"' not in client.get(world.edition.get_absolute_url()).text


def test_a_review_agenda_item_links_the_section(client, reported, next_edition):
    AgendaItemFactory(edition=next_edition, title="Rückblick", kind=AgendaItem.Kind.REVIEW)
    page = client.get(next_edition.get_absolute_url()).text
    assert 'href="#rueckblick"' in page


def test_a_status_update_retires_the_cached_page(client, world, next_edition):
    url = next_edition.get_absolute_url()
    assert "Neu berichtet" not in client.get(url).text
    update_step(card=world.own, version=1, status="done", note="Neu berichtet", by="organizer")
    assert "Neu berichtet" in client.get(url).text


def test_the_plenary_shows_the_review(client_for, reported, next_edition, organizer):
    url = reverse("boards:plenary", kwargs={"slug": next_edition.slug})
    page = client_for(organizer).get(url).text
    assert 'class="steps-review plenary-slide" id="rueckblick"' in page  # the arrow keys reach it
    assert "Antrag eingereicht" in page


@pytest.fixture
def next_results(reported, next_edition):
    published(next_edition)
    return gather_results(results_queryset().get(pk=next_edition.pk))


@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_the_exports_carry_the_review(next_results, reported, fmt):
    with translation.override("de"):
        text = FORMATS[fmt].render(next_results).decode()
    assert "Was wurde aus den Schritten der" in text
    assert "Antrag eingereicht" in text
    assert "Erledigt" in text or "erledigt" in text


def test_the_pdf_export_carries_the_review(next_results):
    pdf = FORMATS["pdf"].render(next_results)
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["markdown", "wordpress"])
def test_user_text_in_the_review_is_escaped(world, next_edition, fmt):
    update_step(
        card=world.own, version=1, status="done", note="<script>x</script> [embed]", by="organizer"
    )
    published(next_edition)
    results = gather_results(results_queryset().get(pk=next_edition.pk))
    text = FORMATS[fmt].render(results).decode()
    assert "<script>" not in text
    if fmt == "wordpress":
        assert "[embed]" not in text


def test_unlisted_names_stay_hidden_in_the_review(client, world, next_edition):
    RegistrationFactory(edition=world.edition, name="Hedwig Muster")
    update_step(
        card=world.nobodys, version=1, status="done", note="Hedwig Muster hat's", by="organizer"
    )
    page = client.get(next_edition.get_absolute_url()).text
    assert "Hedwig Muster" not in page


def test_a_status_update_renews_the_next_editions_exports(world, next_edition):
    published(next_edition)
    before = next_edition.documentation.updated_at
    update_step(card=world.own, version=1, status="done", note="neu", by="organizer")
    next_edition.documentation.refresh_from_db()
    assert next_edition.documentation.updated_at > before


def test_the_plenary_contents_list_the_review(client_for, reported, next_edition, organizer):
    url = reverse("boards:plenary", kwargs={"slug": next_edition.slug})
    page = client_for(organizer).get(url).content.decode()
    contents = page[page.index('id="plenary-toc"') : page.index("</ol>")]
    assert '<a href="#rueckblick">' in contents


def test_the_review_section_is_translated_and_links_the_previous_results(
    client, reported, next_edition
):
    page = client.get(next_edition.get_absolute_url()).text
    section = page[
        page.index('id="rueckblick"') : page.index("</section>", page.index("rueckblick"))
    ]
    assert "Letzte Notiz" in section and "Aktualisiert am" in section
    assert f"Die nächsten Schritte und Verantwortlichkeiten von {reported.edition.title}" in section
    results_url = reverse("results:page", kwargs={"slug": reported.edition.slug})
    assert f'<a href="{results_url}">Ergebnisse dieser Ausgabe</a>' in section
