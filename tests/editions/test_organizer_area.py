"""The one organizer area: every organizer URL of every app answers the same way.

Anonymous visitors are sent to log in; signed-in people without rights on the series get 404
(so a stranger cannot tell an existing edition from a missing one); its organizers get in.
The table below must name every URL under /manage/: a new organizer page without a row fails.
"""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from klimakreise.boards.models import Card
from klimakreise.circles.models import CircleMember, TopicPin
from klimakreise.circles.services import run_assignment
from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.feedback.services import create_survey
from klimakreise.registrations.models import Registration
from tests.factories import (
    RegistrationFactory,
    TopicFactory,
)
from tests.outbox.factories import OutboxEmailFactory
from tests.polls.factories import DatePollFactory, PollOptionFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "stranger", "other_organizer", "organizer", "superuser"]
ORGANIZERS = {"organizer", "superuser"}
SUPERUSERS = {"superuser"}


@pytest.fixture
def area(world, organizer):
    """`world` (one object of every kind the back office manages) and what the organizer pages
    of registrations, circles and the outbox work on."""
    edition = world.edition
    topic = TopicFactory(edition=edition, min_size=2, max_size=8)
    people = [RegistrationFactory(edition=edition) for _ in range(4)]
    for person in people:
        person.preferences.create(topic=topic, rank=1)
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)
    poll = DatePollFactory(edition=edition)
    survey = create_survey(edition=edition)
    return SimpleNamespace(
        poll=poll,
        question=survey.questions.last(),
        poll_option=PollOptionFactory(poll=poll),
        **vars(world),
        registration=people[0],
        pending=RegistrationFactory(edition=edition, status=Registration.Status.PENDING),
        run=run,
        pin=TopicPin.objects.create(edition=edition, registration=people[1], topic=world.topic),
        circle_member=CircleMember.objects.create(circle=world.circle, registration=people[2]),
        email=OutboxEmailFactory(edition=edition, status="failed"),
        step=Card.objects.create(circle=world.circle, column=Card.Column.NEXT_STEPS, text="Tun"),
    )


def _series(w, **extra):
    return {"series": w.series.slug, **extra}


def _edition(w, **extra):
    return {"slug": w.edition.slug, **extra}


GET, POST = "get", "post"

# url name → (kwargs for the URL, method, who may use it). POSTs send no data: the answer to an
# allowed persona is then a form error or a redirect, never a refusal.
PAGES = {
    "backoffice:home": (lambda w: {}, GET, "any signed-in user"),
    "backoffice:series_create": (lambda w: {}, GET, SUPERUSERS),
    "backoffice:series": (_series, GET, ORGANIZERS),
    "backoffice:series_edit": (_series, GET, SUPERUSERS),
    "backoffice:series_team": (_series, GET, SUPERUSERS),
    "backoffice:series_team_remove": (
        lambda w: _series(w, user_id=w.member.pk),
        POST,
        SUPERUSERS,
    ),
    "backoffice:edition_create": (_series, GET, ORGANIZERS),
    "backoffice:sector_create": (_series, GET, ORGANIZERS),
    "backoffice:sector_edit": (lambda w: _series(w, pk=w.sector.pk), GET, ORGANIZERS),
    "backoffice:sector_move": (lambda w: _series(w, pk=w.sector.pk), POST, ORGANIZERS),
    "backoffice:organization_create": (_series, GET, ORGANIZERS),
    "backoffice:organization_edit": (lambda w: _series(w, pk=w.organization.pk), GET, ORGANIZERS),
    "backoffice:organization_delete": (
        lambda w: _series(w, pk=w.organization.pk),
        GET,
        ORGANIZERS,
    ),
    "backoffice:edition": (_edition, GET, ORGANIZERS),
    "backoffice:edition_details": (_edition, GET, ORGANIZERS),
    "backoffice:edition_edit": (_edition, GET, ORGANIZERS),
    "backoffice:edition_status": (_edition, POST, ORGANIZERS),
    "backoffice:edition_clone": (_edition, GET, ORGANIZERS),
    "backoffice:edition_delete": (_edition, GET, ORGANIZERS),
    **{
        f"backoffice:{kind}_{action}": (
            (lambda w, kind=kind: _edition(w, pk=getattr(w, kind).pk))
            if action != "create"
            else _edition,
            GET,
            ORGANIZERS,
        )
        for kind in ("agenda_item", "topic", "circle", "partner", "attachment")
        for action in ("create", "edit", "delete")
    },
    "registrations_organizer:list": (_edition, GET, ORGANIZERS),
    "registrations_organizer:export_csv": (_edition, GET, ORGANIZERS),
    "registrations_organizer:export_xlsx": (_edition, GET, ORGANIZERS),
    "registrations_organizer:add": (_edition, GET, ORGANIZERS),
    "registrations_organizer:edit": (lambda w: _edition(w, pk=w.registration.pk), GET, ORGANIZERS),
    "registrations_organizer:cancel": (
        lambda w: _edition(w, pk=w.registration.pk),
        POST,
        ORGANIZERS,
    ),
    "registrations_organizer:confirm": (
        lambda w: _edition(w, pk=w.pending.pk),
        POST,
        ORGANIZERS,
    ),
    "registrations_organizer:checkin": (_edition, GET, ORGANIZERS),
    "registrations_organizer:set_checkin": (
        lambda w: _edition(w, pk=w.registration.pk),
        POST,
        ORGANIZERS,
    ),
    "registrations_organizer:import": (_edition, GET, ORGANIZERS),
    # An unknown import token: organizers get the import's own "not found" page, see below.
    "registrations_organizer:import_columns": (
        lambda w: _edition(w, token="gibt-es-nicht"),
        GET,
        ORGANIZERS,
    ),
    "registrations_organizer:import_report": (
        lambda w: _edition(w, token="gibt-es-nicht"),
        GET,
        ORGANIZERS,
    ),
    "registrations_organizer:message": (_edition, GET, ORGANIZERS),
    "circles:assignment": (_edition, GET, ORGANIZERS),
    "circles:run": (_edition, POST, ORGANIZERS),
    "circles:pin": (_edition, POST, ORGANIZERS),
    "circles:unpin": (lambda w: _edition(w, pk=w.pin.pk), POST, ORGANIZERS),
    "circles:proposal": (lambda w: _edition(w, pk=w.run.pk), GET, ORGANIZERS),
    "circles:move": (lambda w: _edition(w, pk=w.run.pk), POST, ORGANIZERS),
    "circles:lock": (lambda w: _edition(w, pk=w.run.pk), POST, ORGANIZERS),
    "circles:publish": (lambda w: _edition(w, pk=w.run.pk), POST, ORGANIZERS),
    "circles:members": (_edition, GET, ORGANIZERS),
    "circles:add_member": (_edition, POST, ORGANIZERS),
    "circles:move_member": (lambda w: _edition(w, pk=w.circle_member.pk), POST, ORGANIZERS),
    "circles:remove_member": (lambda w: _edition(w, pk=w.circle_member.pk), POST, ORGANIZERS),
    "circles:unfix": (_edition, GET, ORGANIZERS),
    "circles:choose_moderator": (lambda w: _edition(w, pk=w.circle.pk), POST, ORGANIZERS),
    "circles:print_circles": (_edition, GET, ORGANIZERS),
    "circles:print_circle": (lambda w: _edition(w, pk=w.circle.pk), GET, ORGANIZERS),
    "circles:print_attendance": (_edition, GET, ORGANIZERS),
    "circles:print_badges": (_edition, GET, ORGANIZERS),
    "outbox:edition": (_edition, GET, ORGANIZERS),
    "outbox:retry": (lambda w: _edition(w, pk=w.email.pk), POST, ORGANIZERS),
    "boards:overview": (_edition, GET, ORGANIZERS),
    "boards:console": (_edition, GET, ORGANIZERS),
    "boards:console_action": (_edition, POST, ORGANIZERS),
    "boards:settings": (_edition, GET, ORGANIZERS),
    "boards:history": (lambda w: _edition(w, pk=w.circle.pk), GET, ORGANIZERS),
    "results:review": (_edition, GET, ORGANIZERS),
    "reports:edition": (_edition, GET, ORGANIZERS),
    "reports:series": (_series, GET, ORGANIZERS),
    "results:publish": (_edition, POST, ORGANIZERS),
    "results:unpublish": (_edition, POST, ORGANIZERS),
    "feedback:survey": (_edition, GET, ORGANIZERS),
    "feedback:create": (_edition, POST, ORGANIZERS),
    "feedback:settings": (_edition, POST, ORGANIZERS),
    "feedback:add_question": (_edition, POST, ORGANIZERS),
    "feedback:delete_question": (lambda w: _edition(w, pk=w.question.pk), POST, ORGANIZERS),
    "feedback:invite": (_edition, POST, ORGANIZERS),
    "feedback:report": (_edition, GET, ORGANIZERS),
    "feedback:report_csv": (_edition, GET, ORGANIZERS),
    "feedback:report_xlsx": (_edition, GET, ORGANIZERS),
    "feedback:publish": (_edition, POST, ORGANIZERS),
    "polls:list": (_edition, GET, ORGANIZERS),
    "polls:detail": (lambda w: _edition(w, pk=w.poll.pk), GET, ORGANIZERS),
    "polls:add_option": (lambda w: _edition(w, pk=w.poll.pk), POST, ORGANIZERS),
    "polls:remove_option": (
        lambda w: _edition(w, pk=w.poll.pk, option_pk=w.poll_option.pk),
        POST,
        ORGANIZERS,
    ),
    "polls:invite": (lambda w: _edition(w, pk=w.poll.pk), POST, ORGANIZERS),
    "polls:pick": (lambda w: _edition(w, pk=w.poll.pk), POST, ORGANIZERS),
    "steps:edition": (_edition, GET, ORGANIZERS),
    "steps:series": (_series, GET, ORGANIZERS),
    "steps:step": (lambda w: _series(w, card_id=w.step.pk), GET, ORGANIZERS),
    "steps:step_update": (lambda w: _series(w, card_id=w.step.pk), POST, ORGANIZERS),
    "steps:step_owner": (lambda w: _series(w, card_id=w.step.pk), POST, ORGANIZERS),
}

# Organizers may reach these and still get a 404 from the page itself (nothing behind the token).
OWN_NOT_FOUND = {"registrations_organizer:import_columns", "registrations_organizer:import_report"}


def _named_patterns(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, namespace + pattern.name


def organizer_routes() -> dict[str, str]:
    """url name → route of every named page below /manage/."""
    return {
        name: route
        for route, name in _named_patterns(get_resolver())
        if route.startswith("manage/")
    }


def test_the_table_names_every_organizer_url():
    assert set(organizer_routes()) == set(PAGES)


def test_every_organizer_page_of_an_edition_lives_below_manage_e_slug():
    for name, route in organizer_routes().items():
        if "<slug:slug>" in route:
            assert route.startswith(ORGANIZER_ROUTE), name


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(PAGES))
def test_access(request, client_for, area, persona, name):
    url_kwargs, method, allowed = PAGES[name]
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse(name, kwargs=url_kwargs(area))

    response = getattr(client_for(user), method)(url)

    login_url = reverse(settings.LOGIN_URL)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(login_url)
    elif allowed == "any signed-in user" or persona in allowed:
        refused = {403} if name in OWN_NOT_FOUND else {403, 404}
        assert response.status_code not in refused, response.status_code
        assert not response.get("Location", "").startswith(login_url)
    else:
        assert response.status_code == 404
        assert area.edition.title.encode() not in response.content


@pytest.mark.parametrize("persona", ["stranger", "organizer"])
def test_an_unknown_edition_is_404_for_everyone_signed_in(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    for name, route in organizer_routes().items():
        if route.startswith(ORGANIZER_ROUTE) and "<" not in route[len(ORGANIZER_ROUTE) :]:
            url = reverse(name, kwargs={"slug": "gibt-es-nicht"})
            assert client.get(url).status_code in (404, 405), name


OLD_ADDRESSES = [
    ("/manage/editions/{slug}/registrations/", "/manage/e/{slug}/registrations/"),
    (
        "/manage/editions/{slug}/registrations/export.csv",
        "/manage/e/{slug}/registrations/export.csv",
    ),
    ("/manage/editions/{slug}/assignment/", "/manage/e/{slug}/assignment/"),
    ("/manage/editions/{slug}/outbox/?status=failed", "/manage/e/{slug}/outbox/?status=failed"),
    ("/manage/editions/{slug}/results/", "/manage/e/{slug}/results/"),
    ("/e/{slug}/workspaces/", "/manage/e/{slug}/workspaces/"),
    ("/e/{slug}/workspaces/settings/", "/manage/e/{slug}/workspaces/settings/"),
]


@pytest.mark.parametrize(("old", "new"), OLD_ADDRESSES)
def test_old_addresses_answer_with_a_permanent_redirect(client, edition, old, new):
    response = client.get(old.format(slug=edition.slug))
    assert response.status_code == 301
    assert response["Location"] == new.format(slug=edition.slug)


def test_a_form_sent_to_an_old_address_is_redirected_as_a_post(client, edition):
    response = client.post(f"/manage/editions/{edition.slug}/results/publish/")
    assert response.status_code == 308
    assert response["Location"] == f"/manage/e/{edition.slug}/results/publish/"


def test_the_old_history_address_redirects_organizers_to_the_circle_below_its_edition(
    client_for, organizer, world
):
    response = client_for(organizer).get(f"/circles/{world.circle.pk}/history/?seite=2")
    assert response.status_code == 301
    new = reverse("boards:history", kwargs={"slug": world.edition.slug, "pk": world.circle.pk})
    assert response["Location"] == f"{new}?seite=2"


@pytest.mark.parametrize("persona", ["stranger", "other_organizer"])
def test_the_old_history_address_tells_nobody_else_where_a_circle_belongs(
    request, client_for, world, persona
):
    old = f"/circles/{world.circle.pk}/history/"
    assert client_for(None).get(old)["Location"].startswith(reverse(settings.LOGIN_URL))
    response = client_for(request.getfixturevalue(persona)).get(old)
    assert response.status_code == 404
    assert world.edition.slug not in response.get("Location", "")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/manage/editions/{slug}/%3Fnext=/x", "/manage/e/{slug}/%3Fnext%3D/x"),
        ("/manage/editions/{slug}/%23teil", "/manage/e/{slug}/%23teil"),
        ("/manage/editions/{slug}/%25", "/manage/e/{slug}/%25"),
        ("/manage/editions/{slug}/%252F", "/manage/e/{slug}/%252F"),
        ("/manage/editions/{slug}/%2F%2Fevil.example", "/manage/e/{slug}///evil.example"),
    ],
)
def test_an_encoded_character_in_an_old_address_stays_part_of_the_path(client, edition, old, new):
    response = client.get(old.format(slug=edition.slug))
    assert response.status_code == 301
    assert response["Location"] == new.format(slug=edition.slug)
