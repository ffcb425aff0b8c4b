"""Board changes are limited per person, not per client address: a whole class often shares
one address, and one person does not get more by changing theirs."""

import pytest

from klimakreise.boards.models import Card
from tests.boards.factories import make_member, member_client


@pytest.fixture
def limits(settings):
    # A day's window, so a test never straddles a window's end.
    settings.KLIMAKREISE_BOARD_WRITE_RATE = "2/d"
    settings.KLIMAKREISE_BOARD_ADDRESS_RATE = "100/d"
    return settings


def _add(client, circle, text, address="203.0.113.7", **headers):
    return client.post(
        f"/circles/{circle.pk}/cards/add/",
        {"column": "ideas", "text": text},
        REMOTE_ADDR=address,
        **headers,
    )


def test_two_people_behind_one_address_each_get_their_own_allowance(
    client_for, circle, member, limits
):
    anna = member_client(client_for, circle, member)
    ben = member_client(client_for, circle, make_member(circle))

    answers = [_add(anna, circle, "A1"), _add(anna, circle, "A2")]
    answers += [_add(ben, circle, "B1"), _add(ben, circle, "B2")]

    assert [a.status_code for a in answers] == [302] * 4
    assert Card.objects.count() == 4


def test_one_person_over_the_limit_is_refused_with_a_message_and_nothing_changes(
    client_for, circle, member, limits
):
    anna = member_client(client_for, circle, member)
    _add(anna, circle, "A1")
    _add(anna, circle, "A2")

    refused = _add(anna, circle, "A3")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many changes in a short time." in refused.content.decode()
    assert not Card.objects.filter(text="A3").exists()


def test_changing_the_address_gives_no_more_changes(client_for, circle, member, limits):
    anna = member_client(client_for, circle, member)

    answers = [_add(anna, circle, f"A{n}", address=f"198.51.100.{n}") for n in range(3)]

    assert [a.status_code for a in answers] == [302, 302, 429]
    assert Card.objects.count() == 2


def test_a_new_session_with_the_same_personal_link_gives_no_more_changes(
    client_for, circle, member, limits
):
    _add(member_client(client_for, circle, member), circle, "A1")
    _add(member_client(client_for, circle, member), circle, "A2")

    refused = _add(member_client(client_for, circle, member), circle, "A3")

    assert refused.status_code == 429 and Card.objects.count() == 2


def test_staff_are_counted_per_account(client_for, circle, member, limits):
    moderator = circle.moderator
    answers = [_add(client_for(moderator), circle, f"M{n}") for n in range(3)]
    member_answer = _add(member_client(client_for, circle, member), circle, "A1")

    assert [a.status_code for a in answers] == [302, 302, 429]
    assert member_answer.status_code == 302


def test_htmx_gets_the_board_with_the_refusal(client_for, circle, member, limits):
    anna = member_client(client_for, circle, member)
    _add(anna, circle, "A1")
    _add(anna, circle, "A2")

    refused = _add(anna, circle, "A3", HTTP_HX_REQUEST="true")

    assert refused.status_code == 429
    assert "Too many changes in a short time." in refused.content.decode()


def test_the_address_ceiling_still_holds_for_many_people_on_one_address(client_for, circle, limits):
    limits.KLIMAKREISE_BOARD_ADDRESS_RATE = "3/d"
    people = [member_client(client_for, circle, make_member(circle)) for _ in range(4)]

    answers = [_add(person, circle, f"P{n}") for n, person in enumerate(people)]

    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert Card.objects.count() == 3


def test_reading_the_board_counts_nothing(client_for, circle, member, limits):
    anna = member_client(client_for, circle, member)
    for _ in range(3):
        assert anna.get(f"/circles/{circle.pk}/board/").status_code == 200

    assert _add(anna, circle, "A1").status_code == 302


def test_other_changes_count_too(client_for, circle, member, limits):
    anna = member_client(client_for, circle, member)
    _add(anna, circle, "A1")
    card = Card.objects.get()

    moved = anna.post(
        f"/circles/{circle.pk}/cards/{card.pk}/move/",
        {"column": "next_steps", "version": card.version},
    )
    refused = _add(anna, circle, "A2")

    assert moved.status_code == 302 and refused.status_code == 429
