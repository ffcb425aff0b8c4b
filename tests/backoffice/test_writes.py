"""The back office writes through services: the generic views through save_part and delete_part,
the series through editions.update_series; a write that fails changes nothing."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from klimakreise.backoffice.forms.children import TopicForm
from klimakreise.backoffice.forms.series import SectorForm
from klimakreise.backoffice.services import PartInUse, delete_part, save_part
from klimakreise.backoffice.views.generic import ChildDeleteView, ChildKind
from klimakreise.core.cache import GENERATION_KEY, page_cache
from klimakreise.editions.models import Series, Topic
from klimakreise.organizations.models import Sector
from tests.factories import RegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def topic_data(topic, **changes) -> dict:
    data = {"title": topic.title, "slug": topic.slug, "position": topic.position}
    data |= {"min_size": topic.min_size, "max_size": topic.max_size}
    data |= {"max_groups": topic.max_groups, "description": "", "input_title": ""}
    return data | {"input_expert": ""} | changes


def test_an_edit_through_the_generic_view_saves_and_retires_the_public_pages(
    client_for, organizer, edition
):
    topic = TopicFactory(edition=edition)
    page_cache().set(GENERATION_KEY, "before", timeout=None)
    url = reverse("backoffice:topic_edit", args=[edition.slug, topic.pk])
    client_for(organizer).post(url, topic_data(topic, title="Wärme"))
    assert Topic.objects.get(pk=topic.pk).title == "Wärme"
    assert page_cache().get(GENERATION_KEY) != "before"


def test_a_save_the_database_refuses_changes_nothing(edition):
    topic = TopicFactory(edition=edition, slug="mobilitaet", title="Mobilität")
    data = topic_data(topic, slug="waerme", title="Wärme")
    form = TopicForm(data, instance=topic, parent=edition)
    assert form.is_valid(), form.errors
    TopicFactory(edition=edition, slug="waerme")  # taken between the check and the save
    with pytest.raises(IntegrityError):
        save_part(form=form)
    # Read after the failure: on PostgreSQL only the service's own transaction (a savepoint
    # here) keeps the connection usable for this.
    stored = Topic.objects.get(pk=topic.pk)
    assert (stored.slug, stored.title) == ("mobilitaet", "Mobilität")


def test_a_part_in_use_is_not_deleted(edition):
    registration = RegistrationFactory(edition=edition)
    with pytest.raises(PartInUse):
        delete_part(part=registration.sector)
    assert Sector.objects.filter(pk=registration.sector_id).exists()


def test_the_delete_view_refuses_a_part_in_use_with_a_message(rf, organizer, edition):
    # Sectors are not deletable in the back office; a deletable kind shows what the view does
    # when the database protects a part.
    sector = RegistrationFactory(edition=edition).sector
    view = ChildDeleteView.as_view(kind=ChildKind("sector", "sectors", Sector, SectorForm))
    request = rf.post("/")
    request.user, request._messages = organizer, CookieStorage(rf.get("/"))
    with translation.override("en"):
        response = view(request, series=edition.series.slug, pk=sector.pk)
    assert response["Location"] == reverse("backoffice:series", args=[edition.series.slug])
    assert [str(m) for m in get_messages(request)] == [
        "This cannot be deleted while other records use it."
    ]
    assert Sector.objects.filter(pk=sector.pk).exists()


def test_superuser_edits_a_series(client_for, superuser, series):
    url = reverse("backoffice:series_edit", args=[series.slug])
    data = {"title": "Klimakreise Halle", "slug": "halle", "description": "Neu"}
    response = client_for(superuser).post(url, data)
    assert response["Location"] == reverse("backoffice:series", args=["halle"])
    stored = Series.objects.get(pk=series.pk)
    assert (stored.title, stored.slug, stored.description) == ("Klimakreise Halle", "halle", "Neu")
