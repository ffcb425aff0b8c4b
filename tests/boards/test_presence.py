"""People online on a board: counted from the open streams of every app process, expiring by
themselves when a process stops renewing them; shown on the board and in the console."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klimakreise.boards import fanout, presence, stream
from klimakreise.boards.access import Viewer
from klimakreise.boards.models import BoardPresence
from klimakreise.boards.views.console import _circles
from tests.boards.factories import make_circle


def _fresh_state():
    return {"written": 0.0, "purged": 0.0, "told": {}}


def test_people_online_are_counted_across_processes_and_once_per_person(circle):
    presence.write_presence("web-1", {circle.pk: {"u1", "r7"}})
    presence.write_presence("web-2", {circle.pk: {"u1", "a3f"}})  # u1 in a second tab
    assert presence.online_counts([circle.pk]) == {circle.pk: 3}


def test_a_closed_stream_stops_counting_at_its_process_next_write(circle):
    presence.write_presence("web-1", {circle.pk: {"u1", "u2"}})
    presence.write_presence("web-1", {circle.pk: {"u2"}})
    assert presence.online_counts([circle.pk]) == {circle.pk: 1}
    presence.write_presence("web-1", {})
    assert presence.online_counts([circle.pk]) == {}


def test_rows_a_dead_process_no_longer_renews_expire(circle):
    presence.write_presence("web-dead", {circle.pk: {"u1"}})
    presence.write_presence("web-alive", {circle.pk: {"u2"}})
    too_old = timezone.now() - timedelta(seconds=presence.PRESENCE_TTL + 1)
    BoardPresence.objects.filter(process="web-dead").update(seen_at=too_old)
    assert presence.online_counts([circle.pk]) == {circle.pk: 1}


def test_the_keeper_writes_its_viewers_and_tells_their_streams_the_count(circle):
    hub = fanout.Hub()
    first = hub.watch([circle.pk], viewer="u1")
    plenary = hub.watch([circle.pk])  # the plenary counts nobody and is told nothing
    presence.write_presence("web-other", {circle.pk: {"r9"}})
    state = _fresh_state()
    presence._tick(hub, "web-here", state)
    assert first.take() == [("presence", 2)] and plenary.take() == []
    presence._tick(hub, "web-here", state)  # unchanged: nothing to tell
    assert first.take() == []
    hub.forget(first)
    presence._tick(hub, "web-here", state)
    assert presence.online_counts([circle.pk]) == {circle.pk: 1}


def test_a_presence_is_an_event_without_id(circle):
    follower = stream.Follower(stream.board_log(circle.pk), seen=0)
    lines, _look = follower.lines([("presence", 7)])
    assert lines == ["event: presence\ndata: 7\n\n"]


def test_one_person_is_one_viewer_however_many_tabs(persona, circle, member):
    def viewer(user=None, registration=None):
        return Viewer(user, registration, False, False, registration is not None, False)

    assert presence.viewer_key(viewer(user=circle.moderator)) == f"u{circle.moderator.pk}"
    assert presence.viewer_key(viewer(registration=member)) == f"r{member.pk}"
    assert presence.viewer_key(viewer()) != presence.viewer_key(viewer())  # anonymous: each


def test_the_board_shows_how_many_people_are_online(persona, circle, settings):
    presence.write_presence("web-1", {circle.pk: {"u1", "u2", "r3"}})
    page = persona("member").get(f"/circles/{circle.pk}/").content.decode()
    assert 'id="board-online"' in page and "3 online" in page
    assert 'data-msg-online="{n} online"' in page
    settings.BOARD_STREAM = False  # no streams, nobody counted: nothing shown
    assert (
        'id="board-online"' not in persona("member").get(f"/circles/{circle.pk}/").content.decode()
    )


def test_the_console_shows_people_online_per_circle(persona, circle, running):
    other = make_circle(running)
    presence.write_presence("web-1", {circle.pk: {"u1", "u2"}, other.pk: {"r1"}})
    presence.write_presence("web-2", {other.pk: {"r2"}})
    rows = {row.pk: row.online_count for row in _circles(circle.edition)}
    assert (rows[circle.pk], rows[other.pk]) == (2, 2)
    page = persona("organizer").get(f"/manage/e/{circle.edition.slug}/console/").content
    assert b"not measured" not in page


def test_the_console_counts_online_with_the_same_queries_however_many_circles(
    persona, circle, running, django_assert_num_queries
):
    client = persona("organizer")
    url = f"/manage/e/{circle.edition.slug}/console/"
    client.get(url)
    presence.write_presence("web-1", {circle.pk: {"u1"}})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        presence.write_presence("web-1", {make_circle(running).pk: {"u1"}})
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_rows_of_long_gone_processes_are_deleted(circle):
    presence.write_presence("web-gone", {circle.pk: {"u1"}})
    BoardPresence.objects.update(seen_at=timezone.now() - timedelta(hours=2))
    presence._tick(fanout.Hub(), "web-here", _fresh_state())
    assert not BoardPresence.objects.exists()
