"""The privacy rule of boards.reading, tested once for everything that reads a circle.

Only insiders (organizers, the circle's staff, its members) read every name; everybody else reads
no name of a participant who did not agree to be named in public. The board, the workspace
notes, the plenary and the results (page, API, exports) read through boards.reading; their own
tests check that they do, not the rule again.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from klimakreise.boards.access import viewer_for
from klimakreise.boards.board import circle_with_revision
from klimakreise.boards.models import Card, CircleNotes, DotVote
from klimakreise.boards.reading import (
    Reader,
    board_view,
    names_hidden_from,
    notes_view,
    plenary_view,
    read_edition,
)
from klimakreise.registrations.privacy import HIDDEN_NAME
from tests.boards.factories import CardFactory, make_member, member_client, publish

pytestmark = pytest.mark.django_db

WITHOUT_CONSENT = "Hedwig Ungenannt"
WITH_CONSENT = "Paula Öffentlich"

# persona → the reader they are, and whether they read the name of someone without consent
PERSONAS = [
    ("organizer", Reader.ORGANIZER, True),
    ("staff", Reader.STAFF, True),
    ("member", Reader.PARTICIPANT, True),
    ("stranger", Reader.PUBLIC, False),
    ("anonymous", Reader.PUBLIC, False),
]


@pytest.fixture
def named(circle, member):
    """The circle names, in every kind of text, a member without consent and one with it."""
    member.name = WITHOUT_CONSENT
    member.save()
    listed = make_member(circle)
    listed.name, listed.public_listing = WITH_CONSENT, True
    listed.save()
    both = f"{WITHOUT_CONSENT} und {WITH_CONSENT} laden ein"
    CardFactory(circle=circle, column=Card.Column.IDEAS, text=both)
    for column in (Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES):
        CardFactory(circle=circle, column=column, text=both, responsible=f"Dr. {WITHOUT_CONSENT}")
        CardFactory(circle=circle, column=column, text="Anrufen", responsible=WITH_CONSENT)
    CircleNotes.objects.create(circle=circle, text=f"**{WITHOUT_CONSENT}** und {WITH_CONSENT}")
    publish(circle.edition)
    return circle


@pytest.fixture
def viewer_of(client_for, organizer, stranger, circle, member):
    """viewer_of(persona) → the Viewer that persona's request to the circle's board gets."""

    def make(name):
        users = {"organizer": organizer, "staff": circle.moderator, "stranger": stranger}
        request = RequestFactory().get("/")
        request.user = users.get(name) or AnonymousUser()
        client = member_client(client_for, circle, member) if name == "member" else client_for(None)
        request.session = client.session
        return viewer_for(request, circle_with_revision(circle.pk))  # as the views load it

    return make


def texts_of_board(state) -> list[str]:
    cards = [card for column in state.columns for card in column.cards]
    return [card.text for card in cards] + [card.responsible for card in cards]


def assert_reads(texts: list[str], *, every_name: bool):
    joined = "\n".join(texts)
    assert WITH_CONSENT in joined  # people who agreed are always named
    assert (WITHOUT_CONSENT in joined) is every_name
    assert (HIDDEN_NAME in joined) is not every_name
    if not every_name:  # a name field is hidden as a whole: "Dr. …" would still tell
        assert "Dr." not in joined


@pytest.mark.parametrize(("persona", "reader", "every_name"), PERSONAS)
def test_who_reads_which_names_on_the_board_in_the_notes_and_the_plenary(
    viewer_of, named, persona, reader, every_name
):
    viewer = viewer_of(persona)
    assert viewer.can_view and viewer.reader is reader
    assert reader.reads_every_name is every_name
    assert_reads(texts_of_board(board_view(named, viewer=viewer)), every_name=every_name)
    assert_reads([notes_view(named, viewer=viewer)], every_name=every_name)
    (shown,) = plenary_view(named.edition, reader=reader)
    cards = [*shown.next_steps, *shown.responsibilities]
    assert_reads([c.text for c in cards] + [c.responsible for c in cards], every_name=every_name)


@pytest.mark.parametrize(("reader", "every_name"), {r: e for _p, r, e in PERSONAS}.items())
def test_who_reads_which_names_in_an_editions_results(named, reader, every_name):
    (reading,) = read_edition(named.edition_id, reader=reader, notes={named.pk: "—"}).values()
    tasks = [*reading.next_steps, *reading.responsibilities]
    texts = (
        [i.text for i in reading.ideas] + [t.text for t in tasks] + [t.responsible for t in tasks]
    )
    assert_reads(texts, every_name=every_name)
    # Members are listed by name only if they agreed; insiders see the whole circle.
    assert reading.members == ([WITHOUT_CONSENT, WITH_CONSENT] if every_name else [WITH_CONSENT])


def test_the_notes_an_edition_read_are_shown_without_the_names_too(named):
    notes = {named.pk: f"Protokoll: {WITHOUT_CONSENT} lädt ein"}
    (public,) = read_edition(named.edition_id, reader=Reader.PUBLIC, notes=notes).values()
    (staff,) = read_edition(named.edition_id, reader=Reader.STAFF, notes=notes).values()
    assert public.notes == f"Protokoll: {HIDDEN_NAME} lädt ein"
    assert staff.notes == notes[named.pk]


@pytest.mark.parametrize("withdrawn", ["consent", "data"])
def test_a_person_who_withdrew_consent_or_whose_data_was_anonymized_is_hidden(named, withdrawn):
    from klimakreise.registrations.models import Registration

    listed = Registration.objects.get(name=WITH_CONSENT)
    if withdrawn == "consent":
        listed.public_listing = False
    else:
        listed.anonymized_at = timezone.now()  # the name is still in the row until erased
    listed.save()
    hidden = names_hidden_from(Reader.PUBLIC, named.edition)
    assert hidden.hide(f"{WITH_CONSENT} ruft an") == f"{HIDDEN_NAME} ruft an"
    (reading,) = read_edition(named.edition_id, reader=Reader.PUBLIC, notes={named.pk: ""}).values()
    assert reading.members == []


def test_insiders_names_cost_no_query(named, django_assert_num_queries):
    with django_assert_num_queries(0):
        for reader in (Reader.ORGANIZER, Reader.STAFF, Reader.PARTICIPANT):
            assert not names_hidden_from(reader, named.edition)


def test_an_edition_is_read_in_three_queries_however_many_circles(named, django_assert_num_queries):
    from tests.boards.factories import make_circle

    more = [make_circle(named.edition) for _ in range(3)]
    for circle in more:
        CardFactory.create_batch(3, circle=circle)
    notes = {circle.pk: "" for circle in [named, *more]}
    with django_assert_num_queries(3):  # cards, closed votes with their dots, names
        readings = read_edition(named.edition_id, reader=Reader.PUBLIC, notes=notes)
    assert set(readings) == set(notes) and all(len(readings[c.pk].ideas) == 3 for c in more)


def test_the_board_and_the_results_sort_ideas_by_the_last_closed_votes_dots(viewer_of, circle):
    few, many, none = (CardFactory(circle=circle, text=t) for t in ("Wenig", "Viel", "Keine"))
    old = DotVote.objects.create(circle=circle, status=DotVote.Status.CLOSED, closed_at=None)
    old.dots.create(card=none, voter_key="a")
    vote = DotVote.objects.create(
        circle=circle, status=DotVote.Status.CLOSED, closed_at=timezone.now()
    )
    for n, card in enumerate([many, many, few]):
        vote.dots.create(card=card, voter_key=f"v{n}")
    state = board_view(circle, viewer=viewer_of("organizer"))
    (ideas,) = [column.cards for column in state.columns if column.value == Card.Column.IDEAS]
    assert [(c.text, c.dot_count) for c in ideas] == [("Viel", 2), ("Wenig", 1), ("Keine", 0)]
    (reading,) = read_edition(
        circle.edition_id, reader=Reader.PUBLIC, notes={circle.pk: ""}
    ).values()
    assert [(i.text, i.dots) for i in reading.ideas] == [("Viel", 2), ("Wenig", 1), ("Keine", 0)]
