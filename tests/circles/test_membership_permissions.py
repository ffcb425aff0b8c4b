"""Who may manage the members of a locked assignment: organizers (and superusers) only.

A circle's moderator, a participant with her workspace link and a stranger get nothing, and a
refused request changes nothing."""

import pytest

from klimakreise.circles.models import CircleMember, MembershipChange
from tests.circles.factories import register
from tests.circles.helpers import CONFIRMED, persona_client, url
from tests.factories import EditionFactory

PERSONAS = ["anonymous", "participant", "stranger", "moderator", "organizer", "superuser"]
ALLOWED = {"organizer", "superuser"}


def requests_for(fixed, edition, late):
    """(method, url, data, status for an allowed persona)."""
    member = CircleMember.objects.get(registration=fixed["people"]["a1"])
    return {
        "members": ("get", url("members", edition), {}, 200),
        "move_member": (
            "post",
            url("move_member", edition, pk=member.pk),
            {"move-circle": fixed["circle_b"].pk},
            302,
        ),
        "remove_member": ("post", url("remove_member", edition, pk=member.pk), {}, 302),
        "add_member": (
            "post",
            url("add_member", edition),
            {"registration": late.pk, "circle": fixed["circle_a"].pk, "suggested": "1"},
            302,
        ),
        "unfix": ("post", url("unfix", edition), CONFIRMED, 302),
    }


def state():
    return (
        sorted(CircleMember.objects.values_list("registration_id", "circle_id")),
        MembershipChange.objects.count(),
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["members", "move_member", "remove_member", "add_member", "unfix"])
def test_access(request, fixed, edition, client_for, persona, page):
    late = register(edition, [fixed["a"]], name="Lena Spät")
    method, address, data, allowed_status = requests_for(fixed, edition, late)[page]
    client = persona_client(request, client_for, persona, fixed)
    before = state()

    response = getattr(client, method)(address, data)

    if persona in {"anonymous", "participant"}:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif persona in ALLOWED:
        assert response.status_code == allowed_status
    else:
        assert response.status_code == 404
    if persona in ALLOWED and page != "members":
        assert state() != before
    else:
        assert state() == before


@pytest.mark.parametrize("page", ["move_member", "remove_member", "add_member"])
def test_changes_need_post(fixed, edition, organizer, client_for, page):
    late = register(edition, [fixed["a"]])
    _method, address, _data, _status = requests_for(fixed, edition, late)[page]

    assert client_for(organizer).get(address).status_code == 405


def test_a_member_of_another_edition_is_not_found(fixed, series, organizer, client_for):
    sibling = EditionFactory(series=series)
    member = CircleMember.objects.get(registration=fixed["people"]["a1"])

    response = client_for(organizer).post(url("remove_member", sibling, pk=member.pk))

    assert response.status_code == 404
    assert CircleMember.objects.filter(pk=member.pk).exists()
