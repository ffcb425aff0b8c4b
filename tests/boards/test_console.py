"""The facilitator console: who may use it, what its actions do, and its fixed query count."""

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import CardChange, CircleState, DotVote
from klimakreise.boards.views.console import _circles
from tests.boards.factories import make_circle, make_member
from tests.factories import EditionFactory, UserFactory


def _url(circle, action=False):
    return f"/manage/e/{circle.edition.slug}/console/" + ("action/" if action else "")


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("stranger", 404), ("staff", 404), ("member", 302), ("organizer", 200)],
)
def test_only_organizers_open_the_console(persona, circle, who, status):
    response = persona(who).get(_url(circle))
    assert response.status_code == status
    if status == 302:  # a member's personal link is no login
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "staff", "member"])
def test_nobody_but_organizers_can_act(persona, circle, who):
    persona(who).post(_url(circle, True), {"action": "broadcast", "target": "all", "text": "Hi"})
    assert not CircleState.objects.filter(circle=circle).exists()


def test_an_organizer_broadcasts_to_every_circle(persona, circle, running):
    other = make_circle(running)
    response = persona("organizer").post(
        _url(circle, True), {"action": "broadcast", "target": "all", "text": "Pause!"}
    )
    assert response.status_code == 302
    assert CircleState.objects.filter(circle__in=[circle, other], broadcast="Pause!").count() == 2


def test_an_organizer_starts_a_timer_on_one_circle(persona, circle, running):
    other = make_circle(running)
    persona("organizer").post(
        _url(circle, True), {"action": "timer", "target": str(circle.pk), "minutes": "5"}
    )
    assert CircleState.objects.get(circle=circle).timer_ends_at is not None
    assert not CircleState.objects.filter(circle=other).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"action": "timer", "target": "all", "minutes": "121"}, "minutes"),
        ({"action": "timer", "target": "all"}, "minutes"),
        ({"action": "broadcast", "target": "all", "text": "x" * 281}, "text"),
        ({"action": "boom", "target": "all"}, "action"),
        ({"action": "plenary", "target": "999999"}, "target"),
        ({"action": "broadcast", "target": "all", "text": "   "}, "text"),
        ({"action": "broadcast", "target": "all"}, "text"),
        ({"action": "timer", "target": "all", "minutes": "0"}, "minutes"),
        ({"action": "open_vote", "target": "all"}, "dots_per_person"),
        ({"action": "open_vote", "target": "all", "dots_per_person": "21"}, "dots_per_person"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_changed(
    persona, circle, data, field
):
    response = persona("organizer").post(_url(circle, True), data)
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not CircleState.objects.filter(circle=circle).exists()


def test_the_console_costs_the_same_queries_however_many_circles(
    persona, circle, running, django_assert_max_num_queries
):
    client = persona("organizer")
    client.get(_url(circle))
    for _ in range(4):
        make_member(make_circle(running))
    with django_assert_max_num_queries(12):
        assert client.get(_url(circle)).status_code == 200


@pytest.mark.parametrize(
    ("who", "changed"), [("staff", True), ("organizer", True), ("member", False)]
)
def test_the_circles_staff_facilitate_their_own_circle(persona, circle, who, changed):
    data = {"action": "broadcast", "target": str(circle.pk), "text": "Pause"}
    persona(who).post(f"/circles/{circle.pk}/facilitate/", data)
    assert CircleState.objects.filter(circle=circle, broadcast="Pause").exists() is changed


def test_a_moderator_cannot_reach_another_circle(client_for, circle, running):
    other = make_circle(running, moderator=UserFactory())
    data = {"action": "broadcast", "target": "all", "text": "Pause"}
    client_for(circle.moderator).post(f"/circles/{other.pk}/facilitate/", data)
    client_for(circle.moderator).post(
        f"/circles/{circle.pk}/facilitate/", {**data, "target": str(other.pk)}
    )
    assert not CircleState.objects.filter(circle=other).exists()


@pytest.mark.django_db
def test_the_figures_count_members_and_cards_once_each(circle):
    for _ in range(2):
        make_member(circle)
    for text in ("Eins", "Zwei", "Drei"):
        services.add_card(circle=circle, column="ideas", text=text, actor={"actor_user": None})
    row = next(c for c in _circles(circle.edition) if c.pk == circle.pk)
    members = circle.members.count()
    assert (row.member_count, row.card_count) == (members, 3)
    assert row.last_activity == CardChange.objects.filter(circle=circle).latest("at").at


def test_a_circle_of_another_edition_is_refused_with_the_field_named(persona, circle, series):
    foreign = make_circle(EditionFactory(series=series))
    data = {"action": "broadcast", "target": str(foreign.pk), "text": "Hallo"}
    response = persona("organizer").post(_url(circle, True), data)
    assert response.status_code == 422
    assert 'id="id_target_error"' in response.content.decode()
    assert not CircleState.objects.exists()


def test_an_organizer_removes_the_message_from_every_circle(persona, circle, running):
    other = make_circle(running)
    client = persona("organizer")
    client.post(_url(circle, True), {"action": "broadcast", "target": "all", "text": "Pause!"})
    client.post(_url(circle, True), {"action": "clear_broadcast", "target": "all"})
    assert set(CircleState.objects.values_list("broadcast", flat=True)) == {""}
    assert CircleState.objects.filter(circle__in=[circle, other]).count() == 2


def test_an_organizer_opens_and_closes_the_vote_in_every_circle(persona, circle, running):
    other = make_circle(running)
    services.open_vote(circle=other, dots_per_person=5, actor={"actor_user": None})
    client = persona("organizer")
    data = {"action": "open_vote", "target": "all", "dots_per_person": "3"}
    assert client.post(_url(circle, True), data).status_code == 302
    open_votes = DotVote.objects.filter(status="open")
    assert open_votes.get(circle=circle).dots_per_person == 3
    assert open_votes.get(circle=other).dots_per_person == 5  # its vote is kept
    assert open_votes.count() == circle.edition.circles.count()
    assert (
        client.post(_url(circle, True), {"action": "close_vote", "target": "all"}).status_code
        == 302
    )
    assert not DotVote.objects.filter(status="open").exists()
    assert DotVote.objects.filter(circle__in=[circle, other], status="closed").count() == 2


def test_closing_where_no_vote_is_open_is_refused_and_changes_nothing(persona, circle):
    response = persona("organizer").post(
        _url(circle, True), {"action": "close_vote", "target": "all"}
    )
    assert response.status_code == 422
    assert "No vote is open in the chosen circles." in response.content.decode()
    assert not CardChange.objects.filter(circle=circle).exists()


def test_the_console_shows_which_circles_vote(persona, circle):
    services.open_vote(circle=circle, dots_per_person=3, actor={"actor_user": None})
    page = persona("organizer").get(_url(circle)).content.decode()
    assert "Vote open" in page
    row = page[page.index(circle.name) :].split("</tr>")[0]
    assert "<td>yes</td>" in row
