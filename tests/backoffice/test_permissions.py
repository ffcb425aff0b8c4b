"""Every back-office view × every persona: who gets in, who is sent to log in, who is refused."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import EditionFactory, TopicFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["superuser", "organizer", "other_organizer", "stranger", "anonymous"]

# Who may use a view: every logged-in user, the series' organizers (and superusers), superusers.
ANY_USER, ORGANIZERS, SUPERUSERS = "any user", "organizers", "superusers"
ALLOWED = {
    ANY_USER: {"superuser", "organizer", "other_organizer", "stranger"},
    ORGANIZERS: {"superuser", "organizer"},
    SUPERUSERS: {"superuser"},
}


def series_kw(w):
    return {"series": w.series.slug}


def edition_kw(w):
    return {"edition": w.edition.slug}


def child(attr, scope=edition_kw):
    return lambda w: {**scope(w), "pk": getattr(w, attr).pk}


# (url name, URL kwargs, method, POST data, who may)
VIEWS = [
    ("home", lambda w: {}, "get", None, ANY_USER),
    ("series_create", lambda w: {}, "get", None, SUPERUSERS),
    ("series", series_kw, "get", None, ORGANIZERS),
    ("series_edit", series_kw, "get", None, SUPERUSERS),
    ("series_team", series_kw, "get", None, SUPERUSERS),
    (
        "series_team_remove",
        lambda w: {**series_kw(w), "user_id": w.member.pk},
        "post",
        {},
        SUPERUSERS,
    ),
    ("edition_create", series_kw, "get", None, ORGANIZERS),
    ("sector_create", series_kw, "get", None, ORGANIZERS),
    ("sector_edit", child("sector", series_kw), "get", None, ORGANIZERS),
    ("sector_move", child("sector", series_kw), "post", {"direction": "down"}, ORGANIZERS),
    ("organization_create", series_kw, "get", None, ORGANIZERS),
    ("organization_edit", child("organization", series_kw), "get", None, ORGANIZERS),
    ("organization_delete", child("organization", series_kw), "get", None, ORGANIZERS),
    ("edition", edition_kw, "get", None, ORGANIZERS),
    ("edition_edit", edition_kw, "get", None, ORGANIZERS),
    ("edition_status", edition_kw, "post", {"status": "running"}, ORGANIZERS),
    ("edition_clone", edition_kw, "get", None, ORGANIZERS),
    ("edition_delete", edition_kw, "get", None, ORGANIZERS),
]
for _kind in ("agenda_item", "topic", "circle", "partner", "attachment"):
    VIEWS += [
        (f"{_kind}_create", edition_kw, "get", None, ORGANIZERS),
        (f"{_kind}_edit", child(_kind), "get", None, ORGANIZERS),
        (f"{_kind}_delete", child(_kind), "get", None, ORGANIZERS),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("url_name", "url_kwargs", "method", "data", "who"), VIEWS, ids=[v[0] for v in VIEWS]
)
def test_access(request, client_for, world, persona, url_name, url_kwargs, method, data, who):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse(f"backoffice:{url_name}", kwargs=url_kwargs(world))
    response = getattr(client_for(user), method)(url, data)

    login_url = reverse(settings.LOGIN_URL)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(login_url)
    elif persona in ALLOWED[who]:
        expected = 200 if method == "get" else 302
        assert response.status_code == expected
        if expected == 302:
            assert not response["Location"].startswith(login_url)
    else:
        assert response.status_code == 403


EDITION_CHILDREN = ["agenda_item", "topic", "circle", "partner", "attachment"]


@pytest.mark.parametrize("kind", EDITION_CHILDREN)
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_object_of_another_series_is_not_found_through_own_edition(
    client_for, world, organizer, kind, action
):
    """An organizer cannot reach another series' object by putting its id below their edition."""
    foreign = _foreign_world_object(kind)
    url = reverse(
        f"backoffice:{kind}_{action}", kwargs={"edition": world.edition.slug, "pk": foreign.pk}
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
    url = reverse("backoffice:edition", kwargs={"edition": "gibt-es-nicht"})
    assert client_for(stranger).get(url).status_code == 404


def test_refusal_shows_no_data_of_the_other_series(client_for, world, other_organizer):
    response = client_for(other_organizer).get(
        reverse("backoffice:edition", kwargs=edition_kw(world))
    )
    assert response.status_code == 403
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
