import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimakreise.boards import services
from klimakreise.boards.models import Card, DotVote
from klimakreise.editions.models import Documentation
from klimakreise.results.publication import publish_results
from tests.factories import EditionFactory
from tests.results.conftest import add_circles
from tests.results.factories import (
    CardFactory,
    CircleMemberFactory,
    CircleNotesFactory,
    NextStepFactory,
)

pytestmark = pytest.mark.django_db


def page(edition):
    return reverse("results:page", kwargs={"slug": edition.slug})


@pytest.mark.parametrize(
    ("persona", "draft_status", "published_status"),
    [
        (None, 404, 200),
        ("stranger", 404, 200),
        ("other_organizer", 404, 200),
        ("organizer", 200, 200),
        ("superuser", 200, 200),
    ],
)
def test_who_may_see_the_results_page(
    request, client_for, results_edition, persona, draft_status, published_status
):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    assert client.get(page(results_edition)).status_code == draft_status
    publish_results(edition=results_edition)
    assert client.get(page(results_edition)).status_code == published_status


def test_organizers_see_a_draft_banner_the_public_never_does(
    client_for, results_edition, organizer
):
    response = client_for(organizer).get(page(results_edition))
    assert "draft-banner" in response.content.decode()
    publish_results(edition=results_edition)
    assert "draft-banner" not in client_for(None).get(page(results_edition)).content.decode()


def test_unknown_edition_is_404(client):
    assert client.get("/e/gibt-es-nicht/results/").status_code == 404


def test_every_circle_is_a_collapsible_section_with_its_next_steps(client, published):
    html = client.get(page(published)).content.decode()
    sections = re.findall(r'<details class="section circle".*?</details>', html, re.S)
    circles = list(published.circles.select_related("topic"))
    assert len(sections) == len(circles) == 3
    for circle, section in zip(circles, sections, strict=True):
        assert f">{circle.name}</h3></summary>" in section
        for step in circle.cards.filter(column=Card.Column.NEXT_STEPS):
            assert step.text in section
            assert step.responsible in section
        assert "<strong>Markdown</strong>" in section  # the notes, rendered
        assert 'alt="' in section and "preview.png" in section  # slide preview with alt text


def test_page_shows_talk_slides_partners_participants_and_outlook(client, published):
    documentation = published.documentation
    documentation.participant_count = 47
    documentation.outlook = "Wir sehen uns **wieder**."
    documentation.save()
    html = client.get(page(published)).content.decode()
    assert "Gute Beispiele" in html and "Folien zum Impuls" in html
    assert "für die Förderung" in html
    assert "47" in html
    assert "<strong>wieder</strong>" in html


def ideas_only(circle, *texts):
    """The circle's ideas column holds just these cards, in this order."""
    circle.cards.filter(column=Card.Column.IDEAS).delete()
    return [CardFactory(circle=circle, text=text, position=i) for i, text in enumerate(texts)]


def close_vote(circle, *, hours_ago=0, dots=()):
    """A closed dot vote; `dots` holds (card, number of dots) pairs."""
    closed_at = timezone.now() - timedelta(hours=hours_ago)
    vote = DotVote.objects.create(circle=circle, status=DotVote.Status.CLOSED, closed_at=closed_at)
    for card, count in dots:
        for n in range(count):
            vote.dots.create(card=card, voter_key=f"v{n}")
    return vote


def test_ideas_are_sorted_by_dots_once_a_vote_was_closed(client, published):
    circle = published.circles.first()
    few, many = ideas_only(circle, "Wenige Punkte", "Viele Punkte")
    close_vote(circle, dots=[(many, 3), (few, 1)])
    html = client.get(page(published)).content.decode()
    assert html.index("Viele Punkte") < html.index("Wenige Punkte")


def test_only_the_last_closed_vote_orders_the_ideas(client, published):
    circle = published.circles.first()
    earlier, later = ideas_only(circle, "Früher vorn", "Zuletzt vorn")
    # The vote closed last has the lower id: the closing time decides, not the order of creation.
    close_vote(circle, dots=[(later, 1)])
    close_vote(circle, hours_ago=1, dots=[(earlier, 3)])
    html = client.get(page(published)).content.decode()
    assert html.index("Zuletzt vorn") < html.index("Früher vorn")


def test_a_last_vote_without_dots_shows_no_dots_not_the_older_votes(client, published):
    circle = published.circles.first()
    (card,) = ideas_only(circle, "Einst beliebt")
    close_vote(circle, hours_ago=1, dots=[(card, 4)])
    close_vote(circle)
    html = client.get(page(published)).content.decode()
    item = re.search(r"Einst beliebt.*?</li>", html, re.S).group(0)
    assert "0 Punkte" in item and "4 Punkte" not in item


def test_anonymized_participants_are_not_named_even_if_they_had_opted_in(client, published):
    circle = published.circles.first()
    gone = CircleMemberFactory(
        circle=circle, registration__public_listing=True, registration__name="Frieda Vergessen"
    )
    gone.registration.anonymized_at = timezone.now()
    gone.registration.save()
    NextStepFactory(circle=circle, responsible="Frieda Vergessen")
    assert "Frieda Vergessen" not in client.get(page(published)).content.decode()


def test_only_participants_who_opted_in_are_named(client, published):
    circle = published.circles.first()
    listed = CircleMemberFactory(circle=circle, registration__public_listing=True)
    hidden = CircleMemberFactory(circle=circle, registration__public_listing=False)
    # Someone put the unlisted person's name on a next step: it must not leak either.
    NextStepFactory(circle=circle, responsible=hidden.registration.name)
    html = client.get(page(published)).content.decode()
    assert listed.registration.name in html
    assert hidden.registration.name not in html


def test_a_short_form_of_an_unlisted_name_is_not_shown(client, published):
    circle = published.circles.first()
    hidden = CircleMemberFactory(
        circle=circle, registration__name="Frieda Still", registration__public_listing=False
    )
    NextStepFactory(circle=circle, responsible="F. Still (Umweltamt)")
    html = client.get(page(published)).content.decode()
    assert hidden.registration.name not in html and "F. Still" not in html


def test_card_text_and_notes_cannot_inject_markup(client, published):
    circle = published.circles.first()
    CardFactory(circle=circle, text='<script>alert("karte")</script>')
    NextStepFactory(circle=circle, responsible="<img src=x onerror=alert(1)>")
    notes = circle.notes
    notes.text = (
        '<script>alert("notiz")</script> [link](javascript:alert(1)) <b onclick="x()">b</b>'
    )
    notes.save()
    html = client.get(page(published)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;karte&#34;)" in html  # shown as text
    assert "<img src=x" not in html
    assert "javascript:" not in html
    assert "onclick" not in html


def count_queries(client, edition) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page(edition)).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_circles_and_cards(client, settings):
    settings.PUBLIC_PAGE_CACHE = False
    small, large = EditionFactory(), EditionFactory()
    add_circles(small, 1, cards=1)
    add_circles(large, 6, cards=5)
    for edition in (small, large):
        CircleMemberFactory(circle=edition.circles.first(), registration__public_listing=True)
        publish_results(edition=edition)
    assert count_queries(client, small) == count_queries(client, large)


def test_cached_page_is_dropped_when_a_card_changes(client, published):
    first = client.get(page(published)).content.decode()
    card = Card.objects.filter(circle__edition=published).first()
    with CaptureQueriesContext(connection) as queries:
        client.get(page(published))
    assert len(queries) <= 2  # from the cache: generation + page
    # Board changes go through the board's services, which write rows without model signals.
    services.edit_card(
        circle=card.circle,
        card_id=card.pk,
        version=card.version,
        text="Geänderter Kartentext",
        status=card.status,
        actor={},
    )
    second = client.get(page(published)).content.decode()
    assert "Geänderter Kartentext" not in first
    assert "Geänderter Kartentext" in second


def test_cached_page_is_dropped_when_notes_change(client, published):
    client.get(page(published))
    notes = published.circles.first().notes
    services.save_notes(
        circle=notes.circle, version=notes.version, text="Ganz neue Notiz", actor={}
    )
    assert "Ganz neue Notiz" in client.get(page(published)).content.decode()


def test_unpublishing_removes_the_cached_page(client, published):
    assert client.get(page(published)).status_code == 200
    from klimakreise.results.publication import unpublish_results

    unpublish_results(edition=published)
    assert client.get(page(published)).status_code == 404


def test_edition_page_links_to_results_only_once_published(client, results_edition):
    edition_page = reverse("editions:edition", kwargs={"slug": results_edition.slug})
    assert page(results_edition) not in client.get(edition_page).content.decode()
    publish_results(edition=results_edition)
    assert page(results_edition) in client.get(edition_page).content.decode()


def test_notes_are_optional(client, published):
    circle = published.circles.first()
    circle.notes.delete()
    assert client.get(page(published)).status_code == 200
    CircleNotesFactory(circle=circle, text="")
    assert client.get(page(published)).status_code == 200


def test_page_says_updated_on_when_results_change_after_publishing(client, published):
    then = timezone.now() - timedelta(days=3)
    Documentation.objects.filter(edition=published).update(published_at=then, updated_at=then)
    assert "updated-on" not in client.get(page(published)).content.decode()
    services.add_card(
        circle=published.circles.first(), column="ideas", text="Nachgetragen", actor={}
    )
    html = client.get(page(published)).content.decode()
    assert "updated-on" in html and "Nachgetragen" in html


def test_circle_staff_with_an_account_appear_by_their_account_name(client, published, organizer):
    circle = published.circles.first()
    circle.moderator = organizer
    circle.note_taker_name = "Notiz Nehmerin"
    circle.save()
    html = client.get(page(published)).content.decode()
    assert organizer.name in html and "Notiz Nehmerin" in html


def test_deleting_a_named_participant_retires_the_cached_page(
    client, published, django_capture_on_commit_callbacks
):
    from klimakreise.registrations.services import delete_registration

    member = CircleMemberFactory(
        circle=published.circles.first(),
        registration__public_listing=True,
        registration__name="Greta Gelistet",
    )
    assert "Greta Gelistet" in client.get(page(published)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        delete_registration(registration=member.registration)
    assert "Greta Gelistet" not in client.get(page(published)).content.decode()
    published.documentation.refresh_from_db()
    assert not published.documentation.updated_after_publishing  # an erasure is not an edit


def test_an_organizer_renaming_a_named_participant_retires_the_cached_page(
    client, published, django_capture_on_commit_callbacks
):
    from klimakreise.registrations.organizer.services import (
        edit_fingerprint,
        update_registration,
    )
    from klimakreise.registrations.services import RegistrationData

    member = CircleMemberFactory(
        circle=published.circles.first(),
        registration__public_listing=True,
        registration__name="Greta Gelistet",
    )
    registration = member.registration
    assert "Greta Gelistet" in client.get(page(published)).content.decode()
    renamed = RegistrationData(
        name="Greta Umbenannt",
        email=registration.email,
        sector=registration.sector,
        public_listing=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        update_registration(
            registration=registration, data=renamed, fingerprint=edit_fingerprint(registration)
        )
    html = client.get(page(published)).content.decode()
    assert "Greta Umbenannt" in html and "Greta Gelistet" not in html


@pytest.fixture
def named_in_texts(published):
    """An unlisted participant named in every kind of text of a circle, and a listed one."""
    circle = published.circles.first()
    CircleMemberFactory(
        circle=circle, registration__name="Friedbert Walter", registration__public_listing=False
    )
    CircleMemberFactory(
        circle=circle, registration__name="Paula Öffentlich", registration__public_listing=True
    )
    CardFactory(circle=circle, text="Idee von Friedbert Walter")
    NextStepFactory(
        circle=circle,
        text="Friedbert Walter ruft beim Umweltamt an",
        responsible="Paula Öffentlich",
    )
    NextStepFactory(
        circle=circle,
        column=Card.Column.RESPONSIBILITIES,
        text="F. Walter und Paula Öffentlich laden ein",
    )
    circle.notes.text = "**Friedbert W.** berichtet, _Paula Öffentlich_ fragt nach."
    circle.notes.save()
    return published


def test_an_unlisted_name_in_card_texts_and_notes_is_hidden_on_the_results_page(
    client, named_in_texts
):
    html = client.get(page(named_in_texts)).content.decode()
    assert "Walter" not in html and "Friedbert" not in html
    assert "Idee von …" in html
    assert "… ruft beim Umweltamt an" in html
    assert "… und Paula Öffentlich laden ein" in html
    # Hidden before the Markdown is rendered, which still works around it.
    assert "<strong>….</strong> berichtet, <em>Paula Öffentlich</em> fragt nach." in html


@pytest.mark.parametrize("fmt", ["markdown", "html", "wordpress"])
def test_exports_hide_an_unlisted_name_in_card_texts_and_notes(client, named_in_texts, fmt):
    url = reverse("results:export", kwargs={"slug": named_in_texts.slug, "fmt": fmt})
    text = client.get(url).getvalue().decode()  # a stored file, streamed
    assert "Walter" not in text and "Friedbert" not in text
    assert "… ruft beim Umweltamt an" in text and "Paula Öffentlich" in text


def test_the_results_api_hides_an_unlisted_name_in_card_texts_and_notes(client, named_in_texts):
    response = client.get(f"/api/v1/editions/{named_in_texts.slug}/results")
    body = json.dumps(response.json(), ensure_ascii=False)
    assert "Walter" not in body and "Friedbert" not in body
    assert "… ruft beim Umweltamt an" in body and "Paula Öffentlich" in body


def test_a_hidden_name_in_card_text_leaves_the_markup_escaped(client, published):
    circle = published.circles.first()
    CircleMemberFactory(
        circle=circle, registration__name="Friedbert Walter", registration__public_listing=False
    )
    CardFactory(circle=circle, text="<b>Friedbert Walter</b> <script>alert(1)</script>")
    html = client.get(page(published)).content.decode()
    assert "&lt;b&gt;…&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "Walter" not in html


def test_hiding_names_in_texts_costs_no_query(client, settings, named_in_texts):
    settings.PUBLIC_PAGE_CACHE = False
    plain = EditionFactory()
    add_circles(plain, 1, cards=1)
    CircleMemberFactory(circle=plain.circles.first(), registration__public_listing=True)
    publish_results(edition=plain)
    assert count_queries(client, named_in_texts) == count_queries(client, plain)


def test_a_name_in_card_text_is_hidden_once_its_person_withdraws_consent(
    client, published, django_capture_on_commit_callbacks
):
    from klimakreise.registrations.organizer.services import (
        edit_fingerprint,
        update_registration,
    )
    from klimakreise.registrations.services import RegistrationData

    circle = published.circles.first()
    member = CircleMemberFactory(
        circle=circle, registration__name="Greta Gelistet", registration__public_listing=True
    )
    NextStepFactory(circle=circle, text="Greta Gelistet lädt ein")
    assert "Greta Gelistet lädt ein" in client.get(page(published)).content.decode()
    registration = member.registration
    withdrawn = RegistrationData(
        name=registration.name,
        email=registration.email,
        sector=registration.sector,
        public_listing=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        update_registration(
            registration=registration, data=withdrawn, fingerprint=edit_fingerprint(registration)
        )
    html = client.get(page(published)).content.decode()  # the cached page was retired
    assert "Gelistet" not in html and "… lädt ein" in html
