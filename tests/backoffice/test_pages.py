"""What the back-office pages show and the edits that go through them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from klimakreise.editions.models import Edition, Topic
from klimakreise.editions.navigation import ORGANIZER_TOOLS, EditionLink, links_for
from tests.factories import CircleFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_edition_page_shows_everything_with_edit_links(client_for, organizer, world):
    url = reverse("backoffice:edition_details", args=[world.edition.slug])
    html = client_for(organizer).get(url)
    html = html.content.decode()
    for kind in ("agenda_item", "topic", "circle", "partner", "attachment"):
        obj = getattr(world, kind)
        assert str(obj) in html
        assert reverse(f"backoffice:{kind}_edit", args=[world.edition.slug, obj.pk]) in html
        assert reverse(f"backoffice:{kind}_create", args=[world.edition.slug]) in html


def test_edition_page_shows_which_topics_must_run_and_which_do_not_take_place(
    client_for, organizer, edition
):
    TopicFactory(edition=edition, title="Energie", min_groups=1, max_groups=2)
    TopicFactory(edition=edition, title="Wald", cancelled=True)

    html = client_for(organizer).get(reverse("backoffice:edition_details", args=[edition.slug]))
    text = " ".join(html.content.decode().split())

    assert "<td>1–2</td>" in text
    assert "<td>1 (findet nicht statt)</td>" in text or "<td>1 (does not take place)</td>" in text


def test_edition_page_links_every_organizer_tool(client_for, organizer, edition):
    html = client_for(organizer).get(reverse("backoffice:edition", args=[edition.slug]))
    html = html.content.decode()
    for label, url in links_for(edition, ORGANIZER_TOOLS):
        assert f'href="{url}"' in html
        assert str(label) in html


def test_a_link_shows_only_when_its_condition_holds(edition):
    links = (
        EditionLink("Werkzeug sichtbar", "editions:edition"),
        EditionLink("Werkzeug versteckt", "editions:edition", shown=lambda e: False),
    )
    assert [label for label, _url in links_for(edition, links)] == ["Werkzeug sichtbar"]


def test_edit_topic_through_generic_view(client_for, organizer, edition):
    topic = TopicFactory(edition=edition)
    url = reverse("backoffice:topic_edit", args=[edition.slug, topic.pk])
    data = {"title": "Wärme", "slug": topic.slug, "position": 0, "min_size": 4, "max_size": 8}
    data |= {"max_groups": 2, "description": "", "input_title": "", "input_expert": ""}
    response = client_for(organizer).post(url, data)
    assert response["Location"] == reverse("backoffice:edition_details", args=[edition.slug])
    assert Topic.objects.get(pk=topic.pk).title == "Wärme"


def test_delete_edition_after_confirmation(client_for, organizer, edition):
    url = reverse("backoffice:edition_delete", args=[edition.slug])
    client = client_for(organizer)
    assert client.get(url).status_code == 200
    assert Edition.objects.filter(pk=edition.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("backoffice:series", args=[edition.series.slug])
    assert not Edition.objects.filter(pk=edition.pk).exists()


def test_delete_child_after_confirmation(client_for, organizer, world):
    url = reverse("backoffice:topic_delete", args=[world.edition.slug, world.topic.pk])
    client_for(organizer).post(url)
    assert not Topic.objects.filter(pk=world.topic.pk).exists()


def test_pages_render_in_german(client_for, organizer, world):
    url = reverse("backoffice:edition_details", args=[world.edition.slug])
    html = client_for(organizer).get(url)
    assert '<h2 id="agenda-heading">Ablauf</h2>' in html.content.decode()


def test_field_message_is_shown_in_german_next_to_the_field(client_for, organizer, edition):
    url = reverse("backoffice:topic_create", args=[edition.slug])
    data = {"title": "Wärme", "slug": "waerme", "position": 0, "min_size": 9, "max_size": 8}
    data |= {"max_groups": 1, "description": "", "input_title": "", "input_expert": ""}
    html = client_for(organizer).post(url, data, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Die Mindestgröße darf nicht über der Höchstgröße liegen." in html
    assert 'aria-describedby="id_min_size_error"' in html
    assert 'aria-invalid="true"' in html


def test_circle_staff_find_their_workspaces_on_the_home_page(client_for, edition):
    moderator = UserFactory()
    mine = CircleFactory(
        topic=TopicFactory(edition=edition, title="Stadtgrün"), moderator=moderator
    )
    CircleFactory(topic=TopicFactory(edition=edition, title="Energie"))

    html = client_for(moderator).get("/manage/").content.decode()

    assert "Ihre Kreise" in html
    assert f'href="/circles/{mine.pk}/"' in html and "Stadtgrün" in html
    assert "Energie" not in html


def test_organizers_who_staff_no_circle_see_no_circle_list(client_for, organizer):
    html = client_for(organizer).get("/manage/").content.decode()
    assert "Ihre Reihen" in html and "Ihre Kreise" not in html


def test_an_edition_on_one_day_shows_its_date_once(client_for, organizer, edition):
    berlin = ZoneInfo("Europe/Berlin")
    edition.start = datetime(2027, 3, 15, 15, 0, tzinfo=berlin)
    edition.end = datetime(2027, 3, 15, 18, 0, tzinfo=berlin)
    edition.save()
    html = client_for(organizer).get(reverse("backoffice:edition", args=[edition.slug]))
    text = html.content.decode()
    assert "15.03.2027, 15:00</time>–<time" in text
    assert text.count("15.03.2027") == 1
