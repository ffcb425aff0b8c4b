"""The organizers' availability grid: every answer written out, totals per date, the dates most
people can come to, in a fixed number of queries."""

import pytest
from django.urls import reverse

from klimakreise.polls.grid import poll_grid
from tests.polls.factories import PollOptionFactory, VoteFactory, VoterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def detail_url(poll):
    return reverse("polls:detail", kwargs={"slug": poll.edition.slug, "pk": poll.pk})


def vote(poll, options, *values, **voter):
    person = VoterFactory(poll=poll, **voter)
    for option, value in zip(options, values, strict=True):
        if value:
            VoteFactory(voter=person, option=option, answer=value)
    return person


def test_totals_count_each_answer_and_the_best_date_counts_if_need_be(poll, options):
    vote(poll, options, "yes", "maybe", "no")
    vote(poll, options, "no", "maybe", "yes")
    vote(poll, options, "yes", "yes", None)
    VoterFactory(poll=poll, answered_at=None)  # invited, not answered: not in the grid

    grid = poll_grid(poll)

    assert [(t.yes, t.maybe, t.no) for t in grid.totals] == [(2, 0, 1), (1, 2, 0), (1, 0, 1)]
    assert grid.best == {options[1].pk}
    assert [len(row.answers) for row in grid.rows] == [3, 3, 3]
    assert grid.rows[2].answers[2] is None


def test_the_grid_page_is_a_table_with_names_answers_in_words_and_totals(
    client_for, organizer, poll, options
):
    vote(poll, options, "yes", "maybe", "no", name="Ada Beispiel", comment="Gern früh")

    page = client_for(organizer).get(detail_url(poll))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<th scope="row">Ada Beispiel</th>' in html
    assert ">if need be<" in html and "Gern früh" in html
    assert "yes: 1, if need be: 0, no: 0" in html
    assert html.count('<th scope="col">') == len(options) + 2


def test_the_grid_takes_the_same_number_of_queries_for_few_and_many_answers(
    client_for, organizer, poll, options, django_assert_max_num_queries
):
    client = client_for(organizer)
    vote(poll, options, "yes", "no", "maybe")
    client.get(detail_url(poll))  # warm up: session and the like
    with django_assert_max_num_queries(12) as few:
        client.get(detail_url(poll))
    for _ in range(15):
        vote(poll, options, "yes", "maybe", "no")
    for _ in range(10):
        PollOptionFactory(poll=poll)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(detail_url(poll))

    assert len(response.context["grid"].rows) == 16
