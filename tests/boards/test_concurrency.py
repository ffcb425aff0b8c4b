"""Two people save the same card at the same moment: one wins, the other is told; nothing lost."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from klimakreise.boards import services
from klimakreise.boards.models import Card, CardChange, CircleNotes
from tests.boards.factories import CardFactory, make_circle
from tests.factories import EditionFactory


def _race(work, texts):
    """Run work(text) for each text in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(texts))
    outcomes = {}

    def run(text):
        try:
            barrier.wait(timeout=10)
            _with_sqlite_busy_wait(work, text)
            outcomes[text] = "saved"
        except services.StaleEdit as conflict:
            outcomes[text] = conflict
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _with_sqlite_busy_wait(work, text):
    """The in-memory test database of SQLite (shared cache) answers "table is locked" at once
    instead of waiting like the file database in production (busy timeout); so wait here."""
    for _attempt in range(200):
        try:
            return work(text)
        except OperationalError as locked:
            if "locked" not in str(locked):
                raise
            time.sleep(0.01)
    raise AssertionError("the database stayed locked")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_edits_of_one_card_one_wins_the_other_sees_the_newer_text():
    circle = make_circle(EditionFactory())
    card = CardFactory(circle=circle, text="Original")

    def edit(text):
        services.edit_card(
            circle=circle, card_id=card.pk, version=1, text=text, actor={"actor_user": None}
        )

    outcomes = _race(edit, ["Text von Anna", "Text von Ben"])

    winners = [text for text, outcome in outcomes.items() if outcome == "saved"]
    losers = [outcome for outcome in outcomes.values() if outcome != "saved"]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].current.text == winners[0]  # the loser is shown what won
    stored = Card.objects.get(pk=card.pk)
    assert (stored.text, stored.version) == (winners[0], 2)
    assert CardChange.objects.filter(action="edited").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_note_saves_one_wins():
    circle = make_circle(EditionFactory())
    CircleNotes.objects.create(circle=circle, text="Start")

    def save(text):
        services.save_notes(circle=circle, version=1, text=text, actor={"actor_user": None})

    outcomes = _race(save, ["Notizen A", "Notizen B"])

    assert sorted(o if o == "saved" else "conflict" for o in outcomes.values()) == [
        "conflict",
        "saved",
    ]
    winner = next(text for text, outcome in outcomes.items() if outcome == "saved")
    assert CircleNotes.objects.get(circle=circle).text == winner


@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_in_one_column_keep_every_card_once():
    circle = make_circle(EditionFactory())
    cards = [CardFactory(circle=circle, position=i) for i in range(4)]

    def move(index):
        services.move_card(
            circle=circle,
            card_id=cards[int(index)].pk,
            version=1,
            offset=-1,
            actor={"actor_user": None},
        )

    _race(move, ["1", "3"])

    positions = sorted(Card.objects.filter(circle=circle).values_list("position", flat=True))
    assert positions == [0, 1, 2, 3]
