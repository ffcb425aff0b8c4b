"""Every assignment page: anonymous → login, non-organizers → 404, organizers and superusers in;
a refused request changes nothing."""

import pytest

from klimakreise.circles.models import AssignmentRun, CircleMember, TopicPin
from klimakreise.circles.services import run_assignment
from tests.circles.helpers import CONFIRMED, url
from tests.factories import EditionFactory

PERSONAS = ["anonymous", "stranger", "other_organizer", "organizer", "superuser"]
ALLOWED = {"organizer", "superuser"}


@pytest.fixture
def world(two_topics, edition, organizer):
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    pin = TopicPin.objects.create(
        edition=edition, registration=two_topics["people"]["a1"], topic=two_topics["a"]
    )
    return {"run": run, "pin": pin, **two_topics}


def requests_for(world, edition):
    """(method, url, data, status for an allowed persona)."""
    run, placement = world["run"], world["run"].placements.first()
    return {
        "assignment": ("get", url("assignment", edition), {}, 200),
        "proposal": ("get", url("proposal", edition, pk=run.pk), {}, 200),
        "run": ("post", url("run", edition), {"time_limit": 5, "seed": 0}, 302),
        "pin": (
            "post",
            url("pin", edition),
            {"registration": placement.registration_id, "topic": world["b"].pk},
            302,
        ),
        "unpin": ("post", url("unpin", edition, pk=world["pin"].pk), {}, 302),
        "move": (
            "post",
            url("move", edition, pk=run.pk),
            {"placement": placement.pk, "target": f"{world['b'].pk}:1"},
            302,
        ),
        "lock": ("post", url("lock", edition, pk=run.pk), CONFIRMED, 302),
        "publish": ("post", url("publish", edition, pk=run.pk), CONFIRMED, 302),
    }


def persona_client(request, client_for, persona):
    return client_for(None if persona == "anonymous" else request.getfixturevalue(persona))


def state(edition):
    return (
        AssignmentRun.objects.filter(edition=edition).count(),
        list(AssignmentRun.objects.values_list("status", flat=True)),
        list(TopicPin.objects.values_list("registration_id", "topic_id")),
        sorted(
            AssignmentRun.objects.get(
                edition=edition, pk=AssignmentRun.objects.first().pk
            ).placements.values_list("registration_id", "topic_id", "index")
        ),
        CircleMember.objects.count(),
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "page", ["assignment", "proposal", "run", "pin", "unpin", "move", "lock", "publish"]
)
def test_access(request, world, edition, client_for, persona, page):
    method, address, data, allowed_status = requests_for(world, edition)[page]
    client = persona_client(request, client_for, persona)
    before = state(edition)

    response = getattr(client, method)(address, data)

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif persona in ALLOWED:
        assert response.status_code == allowed_status
    else:
        assert response.status_code == 404
    if persona not in ALLOWED:
        assert state(edition) == before


# lock and publish answer GET with their confirmation page (tests/circles/test_confirmation.py).
@pytest.mark.parametrize("page", ["run", "pin", "move"])
def test_changes_need_post(world, edition, organizer, client_for, page):
    _method, address, _data, _status = requests_for(world, edition)[page]

    assert client_for(organizer).get(address).status_code == 405


def test_an_unknown_edition_is_not_found(organizer, client_for, db):
    assert client_for(organizer).get("/manage/e/nope/assignment/").status_code == 404


def test_a_run_of_another_edition_is_not_found(world, edition, series, organizer, client_for):
    sibling = EditionFactory(series=series)
    address = url("proposal", sibling, pk=world["run"].pk)

    assert client_for(organizer).get(address).status_code == 404
