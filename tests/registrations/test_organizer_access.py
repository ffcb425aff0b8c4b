# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""Refused organizer actions on registrations change nothing. (Who may open which organizer page
is tested for every organizer URL at once in tests/editions/test_organizer_area.py.)"""

import pytest

from klimakreise.registrations.models import Registration
from tests.factories import EditionFactory
from tests.registrations.organizer_factories import english, event, people, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PERSONAS = [
    ("superuser", 200),
    ("organizer", 200),
    ("other_organizer", 404),
    ("stranger", 404),
    (None, "login"),
]


def _user(request, persona):
    return request.getfixturevalue(persona) if persona else None


ACTIONS = [
    ("set_checkin", {"checked_in": "1"}),
    ("cancel", {}),
    ("confirm", {}),
]


@pytest.mark.parametrize(("action", "data"), ACTIONS)
@pytest.mark.parametrize(("persona", "expected"), PERSONAS)
def test_post_actions_only_for_organizers_and_change_nothing_otherwise(
    request, client_for, event, people, action, data, persona, expected
):
    pending = people["ada"]
    if action == "confirm":
        Registration.objects.filter(pk=pending.pk).update(status=Registration.Status.PENDING)
    before = Registration.objects.values("status", "checked_in_at").get(pk=pending.pk)

    response = client_for(_user(request, persona)).post(url(action, event, pk=pending.pk), data)

    after = Registration.objects.values("status", "checked_in_at").get(pk=pending.pk)
    if expected == "login":
        assert response["Location"].startswith("/accounts/login/")
        assert after == before
    elif expected == 404:
        assert response.status_code == 404
        assert after == before
    else:
        assert response.status_code == 302
        assert after != before


def test_import_steps_only_for_organizers(request, client_for, event, organizer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("people.csv", b"Name,Email\nAda,ada@example.org\n")
    response = client_for(organizer).post(
        url("import", event), {"file": upload, "encoding": "utf-8"}
    )
    columns = response["Location"]
    token = columns.rstrip("/").split("/")[-2]
    for persona, expected in PERSONAS:
        got = client_for(_user(request, persona)).get(columns)
        if expected == "login":
            assert got["Location"].startswith("/accounts/login/")
        elif persona == "superuser":
            assert got.status_code == 404  # someone else's upload, even for a superuser
        else:
            assert got.status_code == expected
    assert client_for(organizer).get(url("import_report", event, token=token)).status_code == 302


def test_unknown_edition_is_404_for_organizers(client_for, organizer):
    response = client_for(organizer).get("/manage/e/nope/registrations/")

    assert response.status_code == 404


def test_registration_of_another_edition_is_404(client_for, organizer, event, series):
    other = EditionFactory(series=series)
    from tests.registrations.factories import RegistrationFactory

    foreign = RegistrationFactory(edition=other)

    assert client_for(organizer).get(url("edit", event, pk=foreign.pk)).status_code == 404
    response = client_for(organizer).post(
        url("set_checkin", event, pk=foreign.pk), {"checked_in": "1"}
    )
    assert response.status_code == 404


def test_get_on_a_post_action_is_refused(client_for, organizer, event, people):
    response = client_for(organizer).get(url("set_checkin", event, pk=people["ada"].pk))

    assert response.status_code == 405
