"""Back-office objects are looked up inside the checked series or edition.

Who may open which back-office page is tested for every organizer URL at once, in
tests/editions/test_organizer_area.py."""

import pytest
from django.urls import reverse

from tests.factories import EditionFactory, TopicFactory

pytestmark = pytest.mark.django_db

EDITION_CHILDREN = ["agenda_item", "topic", "circle", "partner", "attachment"]


@pytest.mark.parametrize("kind", EDITION_CHILDREN)
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_object_of_another_series_is_not_found_through_own_edition(
    client_for, world, organizer, kind, action
):
    """An organizer cannot reach another series' object by putting its id below their edition."""
    foreign = _foreign_world_object(kind)
    url = reverse(
        f"backoffice:{kind}_{action}", kwargs={"slug": world.edition.slug, "pk": foreign.pk}
    )
    client = client_for(organizer)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "gekapert"}).status_code == 404
    assert type(foreign).objects.filter(pk=foreign.pk).exists()


def test_organization_of_another_series_is_not_found(client_for, world, organizer):
    from tests.factories import OrganizationFactory

    foreign = OrganizationFactory()
    url = reverse(
        "backoffice:organization_delete", kwargs={"series": world.series.slug, "pk": foreign.pk}
    )
    assert client_for(organizer).post(url).status_code == 404
    assert type(foreign).objects.filter(pk=foreign.pk).exists()


def test_unknown_edition_is_404_for_logged_in_users(client_for, stranger):
    url = reverse("backoffice:edition", kwargs={"slug": "gibt-es-nicht"})
    assert client_for(stranger).get(url).status_code == 404


def test_refusal_shows_no_data_of_the_other_series(client_for, world, other_organizer):
    response = client_for(other_organizer).get(
        reverse("backoffice:edition", kwargs={"slug": world.edition.slug})
    )
    assert response.status_code == 404
    assert world.topic.title.encode() not in response.content


def test_home_lists_only_own_series(client_for, world, other_organizer):
    response = client_for(other_organizer).get(reverse("backoffice:home"))
    assert world.series.title.encode() not in response.content
    assert other_organizer.organized_series.get().title.encode() in response.content


def _foreign_world_object(kind):
    from tests.backoffice.factories import AttachmentFactory
    from tests.factories import AgendaItemFactory, CircleFactory, PartnerFactory

    edition = EditionFactory()
    factories = {
        "agenda_item": lambda: AgendaItemFactory(edition=edition),
        "topic": lambda: TopicFactory(edition=edition),
        "circle": lambda: CircleFactory(topic=TopicFactory(edition=edition)),
        "partner": lambda: PartnerFactory(edition=edition),
        "attachment": lambda: AttachmentFactory(edition=edition),
    }
    return factories[kind]()
