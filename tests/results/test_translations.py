"""The results page follows the language cookie (catalogues: tests/core)."""

import pytest
from django.urls import reverse

from klimakreise.results.publication import publish_results
from tests.factories import CircleFactory, TopicFactory
from tests.po import assert_page_language
from tests.results.factories import NextStepFactory


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
