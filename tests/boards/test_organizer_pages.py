"""Organizer pages: the workspace overview, the settings switch, and the links in the nav."""

from klimakreise.boards.models import BoardSettings
from klimakreise.editions.models import Edition
from klimakreise.editions.navigation import ORGANIZER_TOOLS, PUBLIC_ACTIONS, links_for
from tests.boards.factories import publish


def test_overview_lists_circles_with_links(persona, circle):
    page = persona("organizer").get(f"/manage/e/{circle.edition.slug}/workspaces/").content.decode()
    assert f"/circles/{circle.pk}/" in page and circle.name in page


def test_organizer_switches_member_editing_off(persona, circle):
    client = persona("organizer")
    response = client.post(f"/manage/e/{circle.edition.slug}/workspaces/settings/", {})
    assert response.status_code == 302
    assert BoardSettings.objects.get(edition=circle.edition).members_can_edit is False
    client.post(f"/manage/e/{circle.edition.slug}/workspaces/settings/", {"members_can_edit": "on"})
    assert BoardSettings.objects.get(edition=circle.edition).members_can_edit is True


def test_other_series_organizer_cannot_change_settings(client_for, other_organizer, circle):
    url = f"/manage/e/{circle.edition.slug}/workspaces/settings/"
    assert client_for(other_organizer).post(url, {}).status_code == 404
    assert not BoardSettings.objects.exists()


def test_nav_links_for_organizers_and_public_after_publication(circle):
    edition = circle.edition
    tools = dict(links_for(edition, ORGANIZER_TOOLS))
    assert tools["Circle workspaces"] == f"/manage/e/{edition.slug}/workspaces/"
    assert tools["Plenary view"] == f"/e/{edition.slug}/plenary/"
    assert "Plenary view" not in dict(links_for(edition, PUBLIC_ACTIONS))
    publish(edition)
    edition = Edition.objects.get(pk=edition.pk)
    assert "Plenary view" in dict(links_for(edition, PUBLIC_ACTIONS))
