"""Series, team, sectors and organizations: creation paths and refused input."""

import pytest
from django.urls import reverse

from klimakreise.accounts.models import User
from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms import series as team_form
from klimakreise.editions.models import Series
from klimakreise.organizations.models import DEFAULT_SECTORS, Organization, Sector
from klimakreise.outbox.models import OutboxEmail
from tests.backoffice.conftest import en, form_errors
from tests.factories import OrganizationFactory, SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_superuser_creates_series_with_default_sectors(client_for, superuser):
    url = reverse("backoffice:series_create")
    data = {"title": "Klimakreise Halle", "slug": "halle", "description": ""}
    response = client_for(superuser).post(url, data)
    assert response["Location"] == reverse("backoffice:series", args=["halle"])
    assert Series.objects.get(slug="halle").sectors.count() == len(DEFAULT_SECTORS)


def test_series_slug_is_unique(client_for, superuser, series):
    url = reverse("backoffice:series_create")
    data = {"title": "Doppelt", "slug": series.slug, "description": ""}
    errors = form_errors(client_for(superuser).post(url, data), "slug")
    assert en(messages.SERIES_SLUG_TAKEN) in errors
    assert Series.objects.count() == 1


def test_team_add_and_remove(client_for, superuser, series):
    person = UserFactory(email="neu@example.org")
    client = client_for(superuser)
    client.post(reverse("backoffice:series_team", args=[series.slug]), {"email": "NEU@example.org"})
    assert list(series.organizers.all()) == [person]
    client.post(reverse("backoffice:series_team_remove", args=[series.slug, person.pk]))
    assert not series.organizers.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "kein-at-zeichen", "name": "Ada"}, "email", "Enter a valid email address."),
        ({"email": "", "name": "Ada"}, "email", "This field is required."),
        ({"email": "niemand@example.org", "name": "  "}, "name", team_form.NAME_NEEDED),
        ({"email": "MEMBER", "name": ""}, "email", messages.ALREADY_ORGANIZER),
        ({"email": "INACTIVE", "name": ""}, "email", team_form.ACCOUNT_INACTIVE),
    ],
    ids=["bad-email", "no-email", "new-without-name", "already-in-team", "deactivated"],
)
def test_team_add_refused(client_for, superuser, series, organizer, data, field, message):
    inactive = UserFactory(is_active=False)
    data = {
        **data,
        "email": {"MEMBER": organizer.email, "INACTIVE": inactive.email}.get(
            data["email"], data["email"]
        ),
    }
    accounts_before = User.objects.count()
    url = reverse("backoffice:series_team", args=[series.slug])
    response = client_for(superuser).post(url, data)
    assert en(message) in form_errors(response, field)
    assert f'aria-describedby="id_{field}_error"' in response.text
    assert list(series.organizers.all()) == [organizer]
    assert User.objects.count() == accounts_before
    assert not OutboxEmail.objects.exists()


def test_team_remove_of_non_member_is_404(client_for, superuser, series):
    url = reverse("backoffice:series_team_remove", args=[series.slug, UserFactory().pk])
    assert client_for(superuser).post(url).status_code == 404


def test_sector_slug_unique_per_series(client_for, organizer, series):
    url = reverse("backoffice:sector_create", args=[series.slug])
    taken = series.sectors.first().slug
    data = {"title": "Doppelt", "slug": taken, "position": 9}
    errors = form_errors(client_for(organizer).post(url, data), "slug")
    assert en(messages.SECTOR_SLUG_TAKEN) in errors
    assert series.sectors.filter(slug=taken).count() == 1


def test_sector_rename_and_move(client_for, organizer, series):
    first, second = series.sectors.all()[:2]
    client = client_for(organizer)
    url = reverse("backoffice:sector_edit", args=[series.slug, first.pk])
    client.post(url, {"title": "Stadtverwaltung", "slug": first.slug, "position": first.position})
    assert Sector.objects.get(pk=first.pk).title == "Stadtverwaltung"
    client.post(
        reverse("backoffice:sector_move", args=[series.slug, second.pk]), {"direction": "up"}
    )
    assert list(series.sectors.all()[:2]) == [second, first]
    assert list(series.sectors.values_list("position", flat=True)) == list(
        range(len(DEFAULT_SECTORS))
    )


@pytest.mark.parametrize("sent", [{}, {"direction": "sideways"}])
def test_a_sector_move_without_a_direction_is_refused_and_changes_nothing(
    client_for, organizer, series, sent
):
    before = list(series.sectors.values_list("pk", flat=True))
    second = series.sectors.all()[1]
    url = reverse("backoffice:sector_move", args=[series.slug, second.pk])
    assert client_for(organizer).post(url, sent).status_code == 400
    assert list(series.sectors.values_list("pk", flat=True)) == before


def test_sector_of_another_series_cannot_be_moved(client_for, organizer, series):
    foreign = SeriesFactory().sectors.first()
    url = reverse("backoffice:sector_move", args=[series.slug, foreign.pk])
    assert client_for(organizer).post(url, {"direction": "down"}).status_code == 404


def test_organization_name_unique_per_series(client_for, organizer, series):
    OrganizationFactory(series=series, name="BUND")
    url = reverse("backoffice:organization_create", args=[series.slug])
    data = {"name": "BUND", "sector": "", "website": "", "is_alliance_member": ""}
    errors = form_errors(client_for(organizer).post(url, data), "name")
    assert en(messages.ORGANIZATION_NAME_TAKEN) in errors
    assert Organization.objects.count() == 1


def test_organization_sector_of_another_series_is_refused(client_for, organizer, series):
    foreign_sector = SeriesFactory().sectors.first()
    url = reverse("backoffice:organization_create", args=[series.slug])
    data = {"name": "BUND", "sector": foreign_sector.pk, "website": ""}
    assert form_errors(client_for(organizer).post(url, data), "sector")
    assert not Organization.objects.exists()


def test_organization_delete_needs_the_confirmation_post(client_for, organizer, series):
    organization = OrganizationFactory(series=series)
    url = reverse("backoffice:organization_delete", args=[series.slug, organization.pk])
    client = client_for(organizer)
    page = client.get(url)
    assert page.status_code == 200 and b'method="post"' in page.content
    assert Organization.objects.exists()
    client.post(url)
    assert not Organization.objects.exists()


def test_organizers_set_the_kind_of_an_organization(client_for, organizer, series):
    organization = OrganizationFactory(series=series, name="BUND")
    url = reverse("backoffice:organization_edit", args=[series.slug, organization.pk])
    data = {"name": "BUND", "sector": "", "kind": "civil_society", "website": ""}
    assert client_for(organizer).post(url, data).status_code == 302
    organization.refresh_from_db()
    assert organization.kind == Organization.Kind.CIVIL_SOCIETY
    page = client_for(organizer).get(reverse("backoffice:series", args=[series.slug]))
    assert organization.get_kind_display() in page.content.decode()


def test_an_unknown_kind_of_organization_is_refused(client_for, organizer, series):
    organization = OrganizationFactory(series=series, name="BUND")
    url = reverse("backoffice:organization_edit", args=[series.slug, organization.pk])
    data = {"name": "BUND", "sector": "", "kind": "club", "website": ""}
    assert form_errors(client_for(organizer).post(url, data), "kind")
    organization.refresh_from_db()
    assert organization.kind == ""
