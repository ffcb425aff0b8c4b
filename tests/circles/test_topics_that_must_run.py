"""Topics that must run (min_groups), and announced topics that do not open."""

from django.utils import translation

from klimakreise.circles import evaluation
from klimakreise.circles.evaluation import evaluate_run
from klimakreise.circles.problem import build_problem
from klimakreise.circles.services import lock_run, run_assignment
from klimakreise.editions.models import Topic
from tests.circles.helpers import run_solver, url
from tests.factories import TopicFactory


def _forest(edition, **fields):
    # Nobody wishes it, so the solver only opens it when it must.
    return TopicFactory(
        edition=edition, slug="wald", title="Wald", min_size=3, max_size=3, **fields
    )


def test_the_solver_input_carries_min_groups(two_topics, edition):
    _forest(edition, min_groups=1)

    topics = {t["id"]: t for t in build_problem(edition=edition, minimums={})["topics"]}

    assert topics["wald"]["min_groups"] == 1
    assert topics["a"]["min_groups"] == 0


def test_a_topic_that_must_run_opens_although_nobody_wished_it(two_topics, edition, organizer):
    forest = _forest(edition, min_groups=1)

    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    assert run.placements.filter(topic=forest).count() == 3
    assert run.optimal


def test_the_proposal_warns_about_an_announced_topic_that_would_not_open(
    two_topics, edition, organizer, client_for
):
    _forest(edition)
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    warnings = evaluate_run(run).closed_topics
    page = client_for(organizer).get(url("proposal", edition, pk=run.pk)).content.decode()

    expected = "Wald would not take place: 0 people wished it first, 0 wished it at all."
    assert warnings == [expected]
    assert expected in page


def test_the_warning_counts_first_and_any_wishes(two_topics, edition, organizer):
    # Seven people per circle, but only six registered: it cannot open, so its wishes show.
    Topic.objects.filter(pk=two_topics["a"].pk).update(min_size=7, max_size=7)
    _forest(edition)
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    warnings = evaluate_run(run).closed_topics

    assert "Mobilität would not take place: 3 people wished it first, 6 wished it at all." in (
        warnings
    )


def test_locking_marks_topics_without_circles_and_the_public_page_shows_it(
    two_topics, edition, organizer, client
):
    forest = _forest(edition)
    client.get(edition.get_absolute_url())  # cached before the lock
    run = run_assignment(edition=edition, user=organizer, minimums={}, time_limit=5, seed=0)

    lock_run(run=run)

    forest.refresh_from_db()
    two_topics["a"].refresh_from_db()
    assert forest.cancelled and not two_topics["a"].cancelled
    page = client.get(edition.get_absolute_url()).content.decode()
    assert page.count("This circle does not take place.") == 1


def test_too_few_people_for_the_topics_that_must_run_is_worded_with_their_titles(
    two_topics, edition, organizer, client_for
):
    _forest(edition, min_groups=1)
    Topic.objects.filter(pk=two_topics["a"].pk).update(min_groups=1)
    Topic.objects.filter(pk=two_topics["b"].pk).update(min_groups=1)

    response = run_solver(client_for(organizer), edition)

    text = response.content.decode() if response.status_code == 200 else ""
    if response.status_code == 302:
        text = client_for(organizer).get(response["Location"]).content.decode()
    assert "need at least 9 people: “Mobilität” (1), “Energie” (1), “Wald” (1)" in text
    assert "only 6 can join them" in text


def test_the_warning_counts_one_person_in_the_singular_in_german():
    with translation.override("de"):
        warning = evaluation._closed_topic_warning("Wald", 1, 3)

    assert warning == "Wald fände nicht statt: 1 Person wünschte es an erster Stelle, 3 überhaupt."
