"""Dot-voting: hidden while open, a limit per person, sorted when closed, always anonymous."""

import pytest
from django.utils import translation

from klimakreise.boards import services
from klimakreise.boards.models import CardChange, Dot, DotVote
from klimakreise.boards.templatetags.boards import readable_snapshot
from tests.boards.factories import CardFactory, make_member, member_client


def _dot(client, circle, card, action="add"):
    return client.post(f"/circles/{circle.pk}/cards/{card.pk}/dot/", {"action": action})


@pytest.fixture
def ideas(circle):
    return [
        CardFactory(circle=circle, text=f"Idee {name}", position=i) for i, name in enumerate("ABC")
    ]


def test_staff_open_a_vote_and_members_cannot(persona, circle):
    assert (
        persona("member")
        .post(f"/circles/{circle.pk}/vote/open/", {"dots_per_person": 2})
        .status_code
        == 403
    )
    assert (
        persona("staff")
        .post(f"/circles/{circle.pk}/vote/open/", {"dots_per_person": 2})
        .status_code
        == 302
    )
    assert DotVote.objects.get(circle=circle).dots_per_person == 2


@pytest.mark.parametrize("dots", ["0", "21", "drei", ""])
def test_bad_dot_number_is_refused_naming_the_field(persona, circle, dots):
    response = persona("staff").post(
        f"/circles/{circle.pk}/vote/open/", {"dots_per_person": dots}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Dots per person" in response.content.decode()
    assert not DotVote.objects.exists()


def test_second_open_vote_is_refused(persona, circle):
    client = persona("staff")
    client.post(f"/circles/{circle.pk}/vote/open/", {"dots_per_person": 2})
    response = client.post(
        f"/circles/{circle.pk}/vote/open/", {"dots_per_person": 5}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409 and "already open" in response.content.decode()
    assert DotVote.objects.count() == 1


def test_counts_are_hidden_while_open_except_ones_own_remaining_dots(persona, circle, ideas):
    services.open_vote(circle=circle, dots_per_person=3, actor={"actor_user": None})
    member = persona("member")
    _dot(member, circle, ideas[1])
    _dot(persona("staff"), circle, ideas[1])
    page = member.get(f"/circles/{circle.pk}/board/").content.decode()
    assert "You have 2 dots left." in page
    assert "2 dots" not in page.replace("You have 2 dots left.", "")
    assert 'class="dot-count"' not in page


def test_limit_per_person(persona, circle, ideas):
    services.open_vote(circle=circle, dots_per_person=2, actor={"actor_user": None})
    client = persona("member")
    assert _dot(client, circle, ideas[0]).status_code == 302
    assert _dot(client, circle, ideas[0]).status_code == 302  # stacking is allowed
    response = client.post(
        f"/circles/{circle.pk}/cards/{ideas[1].pk}/dot/", {"action": "add"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409 and "all your dots" in response.content.decode()
    assert Dot.objects.count() == 2
    _dot(client, circle, ideas[0], "remove")
    assert _dot(client, circle, ideas[1]).status_code == 302
    assert Dot.objects.count() == 2


def test_dots_only_on_ideas_of_this_board(persona, circle):
    step = CardFactory(circle=circle, column="next_steps")
    services.open_vote(circle=circle, dots_per_person=2, actor={"actor_user": None})
    _dot(persona("member"), circle, step)
    assert not Dot.objects.exists()


def test_no_dots_without_an_open_vote(persona, circle, ideas):
    _dot(persona("member"), circle, ideas[0])
    assert not Dot.objects.exists()


def test_closed_vote_sorts_ideas_by_dots_and_shows_only_totals(client_for, persona, circle, ideas):
    services.open_vote(circle=circle, dots_per_person=3, actor={"actor_user": None})
    voters = [persona("member"), persona("staff")]
    second = make_member(circle)
    voters.append(member_client(client_for, circle, second))
    for client in voters:
        _dot(client, circle, ideas[2])
    _dot(voters[0], circle, ideas[1])
    persona("staff").post(f"/circles/{circle.pk}/vote/close/")
    page = persona("organizer").get(f"/circles/{circle.pk}/board/").content.decode()
    assert page.index("Idee C") < page.index("Idee B") < page.index("Idee A")
    assert "3 dots" in page and "1 dot" in page
    history = (
        persona("organizer")
        .get(f"/manage/e/{circle.edition.slug}/workspaces/{circle.pk}/history/")
        .content.decode()
    )
    assert second.name not in history  # who voted is never recorded by name


def test_voter_is_stored_only_as_an_opaque_key(persona, circle, member, ideas):
    services.open_vote(circle=circle, dots_per_person=3, actor={"actor_user": None})
    member_client, staff_client = persona("member"), persona("staff")
    _dot(member_client, circle, ideas[0])
    _dot(member_client, circle, ideas[1])
    _dot(staff_client, circle, ideas[0])
    keys = list(Dot.objects.order_by("id").values_list("voter_key", flat=True))
    assert keys[0] == keys[1] != keys[2]
    assert all(len(key) == 64 and member.name not in key for key in keys)
    assert str(member.pk) not in {key.strip("0") for key in keys}
    assert not CardChange.objects.filter(action__in=["created", "edited"]).exists()


def test_history_names_the_vote_entries_in_words(persona, circle):
    client = persona("organizer")
    client.post(f"/circles/{circle.pk}/vote/open/", {"dots_per_person": 2})
    client.post(f"/circles/{circle.pk}/vote/close/")
    url = f"/manage/e/{circle.edition.slug}/workspaces/{circle.pk}/history/"
    history = client.get(url).content.decode()
    assert "Dots per person" in history
    assert ">Dots_per_person<" not in history


def test_history_names_the_dots_given_in_words():
    with translation.override("de"):
        assert readable_snapshot({"dots": 3}) == [("vergebene Punkte", "3")]
