"""The results page follows the language cookie (catalogues: tests/core)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.boards.models import DotVote
from klimakreise.editions.models import Documentation
from klimakreise.results.publication import publish_results
from tests.factories import CircleFactory, TopicFactory
from tests.po import assert_jinja2_strings_translated, assert_page_language, jinja2_strings
from tests.results.factories import CardFactory, NextStepFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected, unexpected",
    [
        (
            "de",
            ["Nächste Schritte", "Ergebnisse: ", "Fällig am", "in Arbeit"],
            ["Next steps", "Results: ", "in progress"],
        ),
        (
            "en",
            ["Next steps", "Results: ", "Due", "in progress"],
            ["Nächste Schritte", "Ergebnisse: ", "Fällig am", "in Arbeit"],
        ),
    ],
)
def test_results_page_follows_the_language_cookie(client, edition, language, expected, unexpected):
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    NextStepFactory(circle=circle, text="Pop-up-Radweg beantragen")
    publish_results(edition=edition)
    url = reverse("results:page", kwargs={"slug": edition.slug})
    content = assert_page_language(client, url, language, expected, unexpected)
    assert "Pop-up-Radweg beantragen" in content


def test_every_string_of_the_jinja2_partial_is_translated():
    strings = jinja2_strings("results")
    assert {"Next steps", "First page of “%(title)s”", "No circle results yet."} <= strings
    assert_jinja2_strings_translated("results")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, one, many",
    [("de", ["1 teilnehmende Person", "1 Punkt<"], ["2 Punkte<"]), ("en", ["1 participant"], [])],
)
def test_the_plurals_of_the_partial_follow_the_language(client, edition, language, one, many):
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    single, double = CardFactory(circle=circle), CardFactory(circle=circle)
    vote = DotVote.objects.create(
        circle=circle, status=DotVote.Status.CLOSED, closed_at=timezone.now()
    )
    for card, count in ((single, 1), (double, 2)):
        for n in range(count):
            vote.dots.create(card=card, voter_key=f"v{n}")
    Documentation.objects.update_or_create(edition=edition, defaults={"participant_count": 1})
    publish_results(edition=edition)
    url = reverse("results:page", kwargs={"slug": edition.slug})
    english = ["1 dot<", "2 dots<"] if language == "en" else []
    assert_page_language(client, url, language, one + many + english, [])
