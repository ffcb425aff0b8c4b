"""Bad input for agenda items, topics, circles and partners: a field message, nothing saved."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.backoffice.forms import messages
from klimakreise.circles.models import Circle
from klimakreise.editions.models import AgendaItem, Partner, Topic
from tests.backoffice.conftest import en, form_errors
from tests.factories import (
    CircleFactory,
    EditionFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(series):
    """Whole minutes, as the datetime-local inputs send them."""
    return EditionFactory(
        series=series, start=datetime(2031, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    )


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def post(client_for, organizer, edition):
    def send(kind, data, pk=None):
        kwargs = {"slug": edition.slug} | ({"pk": pk} if pk else {})
        url = reverse(f"backoffice:{kind}_{'edit' if pk else 'create'}", kwargs=kwargs)
        return client_for(organizer).post(url, data)

    return send


# --- agenda items


def agenda_data(edition, **changes):
    data = {"start": local(edition.start), "duration_minutes": 30, "title": "Begrüßung"}
    data |= {"kind": "program", "speaker": "", "organization": "", "description": ""}
    return data | changes


def test_agenda_item_is_created(post, edition):
    assert post("agenda_item", agenda_data(edition)).status_code == 302
    assert AgendaItem.objects.get(edition=edition).start == edition.start


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start": -timedelta(minutes=1)}, "start", messages.ITEM_BEFORE_EDITION),
        ({"start": timedelta(hours=3)}, "start", messages.ITEM_AFTER_EDITION),
        ({"kind": "talk"}, "speaker", messages.TALK_NEEDS_SPEAKER),
        ({"kind": "talk", "speaker": "Eva"}, "organization", messages.TALK_NEEDS_ORGANIZATION),
    ],
    ids=["before-start", "after-end", "talk-without-speaker", "talk-without-organization"],
)
def test_agenda_item_bad_input(post, edition, changes, field, message):
    if "start" in changes:
        changes = {"start": local(edition.start + changes["start"])}
    response = post("agenda_item", agenda_data(edition, **changes))
    assert en(message) in form_errors(response, field)
    assert not AgendaItem.objects.exists()


def test_agenda_item_organization_of_another_series_is_refused(post, edition):
    foreign = OrganizationFactory()
    response = post("agenda_item", agenda_data(edition, organization=foreign.pk))
    assert form_errors(response, "organization")
    assert not AgendaItem.objects.exists()


# --- topics


def topic_data(**changes):
    data = {"title": "Mobilität", "slug": "mobilitaet", "description": "", "position": 1}
    data |= {"min_size": 6, "max_size": 12, "max_groups": 1, "input_title": "", "input_expert": ""}
    return data | changes


def test_topic_min_above_max_is_refused(post):
    response = post("topic", topic_data(min_size=13, max_size=12))
    assert en(messages.MIN_ABOVE_MAX) in form_errors(response, "min_size")
    assert not Topic.objects.exists()


def test_topic_that_must_run_with_more_circles_than_allowed_is_refused(post):
    response = post("topic", topic_data(max_groups=1, min_groups=2))
    assert en(messages.MIN_GROUPS_ABOVE_MAX) in form_errors(response, "min_groups")
    assert not Topic.objects.exists()


def test_topic_that_must_run_is_saved(post):
    assert post("topic", topic_data(max_groups=2, min_groups=1)).status_code == 302
    assert Topic.objects.get().min_groups == 1


@pytest.mark.parametrize("field", ["min_size", "max_groups"])
def test_topic_zero_sizes_are_refused(post, field):
    assert form_errors(post("topic", topic_data(**{field: 0})), field)
    assert not Topic.objects.exists()


def test_topic_slug_is_unique_per_edition(post, edition):
    TopicFactory(edition=edition, slug="mobilitaet")
    response = post("topic", topic_data())
    assert en(messages.TOPIC_SLUG_TAKEN) in form_errors(response, "slug")
    assert Topic.objects.count() == 1


def test_topic_slug_of_another_edition_is_fine(post, edition):
    TopicFactory(edition=EditionFactory(series=edition.series), slug="mobilitaet")
    assert post("topic", topic_data()).status_code == 302
    assert Topic.objects.filter(slug="mobilitaet").count() == 2


def test_topic_keeps_its_own_slug_on_edit(post, edition):
    topic = TopicFactory(edition=edition, slug="mobilitaet")
    assert post("topic", topic_data(title="Verkehr"), pk=topic.pk).status_code == 302
    assert Topic.objects.get(pk=topic.pk).title == "Verkehr"


# --- circles


def circle_data(topic, **changes):
    data = {"topic": topic.pk, "index": 1, "video_room_url": ""}
    for role in ("moderator", "expert", "note_taker"):
        data |= {role: "", f"{role}_name": ""}
    return data | changes


def test_circle_with_team_member_and_names_is_created(post, edition, organizer):
    topic = TopicFactory(edition=edition)
    data = circle_data(topic, moderator=organizer.pk, expert_name="Dr. Erika Muster")
    assert post("circle", data).status_code == 302
    circle = Circle.objects.get()
    assert (circle.edition, circle.moderator, circle.expert_name) == (
        edition,
        organizer,
        "Dr. Erika Muster",
    )


def test_circle_index_is_unique_per_topic(post, edition):
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    response = post("circle", circle_data(circle.topic))
    assert en(messages.CIRCLE_INDEX_TAKEN) in form_errors(response, "index")
    assert Circle.objects.count() == 1


def test_circle_user_and_name_for_one_role_is_refused(post, edition, organizer):
    data = circle_data(TopicFactory(edition=edition), moderator=organizer.pk, moderator_name="X")
    assert en(messages.USER_OR_NAME) in form_errors(post("circle", data), "moderator_name")
    assert not Circle.objects.exists()


def test_circle_staff_is_limited_to_people_of_the_series(post, edition, other_organizer):
    outsider = UserFactory()
    data = circle_data(TopicFactory(edition=edition), moderator=outsider.pk)
    assert form_errors(post("circle", data), "moderator")
    data = circle_data(TopicFactory(edition=edition), expert=other_organizer.pk)
    assert form_errors(post("circle", data), "expert")
    assert not Circle.objects.exists()


def test_circle_staff_offers_earlier_staff_of_the_series(client_for, organizer, edition):
    earlier = CircleFactory(topic=TopicFactory(edition=EditionFactory(series=edition.series)))
    earlier.expert = UserFactory(name="Frühere Expertin")
    earlier.save()
    outsider = UserFactory(name="Unbekannte Person")
    url = reverse("backoffice:circle_create", kwargs={"slug": edition.slug})
    html = client_for(organizer).get(url).content.decode()
    assert "Frühere Expertin" in html
    assert outsider.name not in html


def test_circle_topic_of_another_edition_is_refused(post):
    foreign_topic = TopicFactory()
    assert form_errors(post("circle", circle_data(foreign_topic)), "topic")
    assert not Circle.objects.exists()


# --- partners


def test_partner_organization_of_another_series_is_refused(post):
    response = post("partner", {"organization": OrganizationFactory().pk, "role": "funding"})
    assert form_errors(response, "organization")
    assert not Partner.objects.exists()


def test_partner_role_once_per_edition(post, edition):
    partner = PartnerFactory(edition=edition)
    data = {"organization": partner.organization.pk, "role": partner.role, "thanks": ""}
    assert en(messages.PARTNER_TAKEN) in form_errors(post("partner", data), "role")
    assert Partner.objects.count() == 1
