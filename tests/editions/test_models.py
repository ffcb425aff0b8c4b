from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from klimakreise.circles.models import group_letter
from klimakreise.editions.models import Edition
from klimakreise.organizations.models import Sector
from tests.factories import CircleFactory, EditionFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_new_series_gets_the_default_sectors():
    series = SeriesFactory()
    assert list(Sector.objects.filter(series=series).values_list("slug", flat=True)) == [
        "verwaltung",
        "zivilgesellschaft",
        "unternehmen",
        "wissenschaft",
        "politik",
        "sonstige",
    ]


def test_edition_must_end_after_it_starts():
    edition = EditionFactory()
    edition.end = edition.start - timedelta(minutes=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_slugs_are_unique_across_series():
    EditionFactory(slug="magdeburg-2022")
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(slug="magdeburg-2022")


def test_topic_min_size_cannot_exceed_max_size():
    with pytest.raises(IntegrityError), transaction.atomic():
        TopicFactory(min_size=13, max_size=12)


def test_draft_editions_are_not_public():
    draft = EditionFactory(status=Edition.Status.DRAFT)
    published = EditionFactory(status=Edition.Status.PUBLISHED)
    assert list(Edition.objects.public()) == [published]
    assert not draft.is_public


@pytest.mark.parametrize(
    ("index", "letters"), [(1, "A"), (2, "B"), (26, "Z"), (27, "AA"), (28, "AB")]
)
def test_parallel_groups_are_lettered_like_workshops_do(index, letters):
    assert group_letter(index) == letters


def test_circle_name_has_a_letter_only_when_the_topic_runs_in_parallel():
    single = CircleFactory(topic=TopicFactory(title="Energie", max_groups=1))
    parallel = CircleFactory(topic=TopicFactory(title="Mobilität", max_groups=2), index=2)
    assert single.name == "Energie"
    assert parallel.name == "Mobilität B"


def test_topic_cannot_be_sure_to_run_with_more_circles_than_it_may_open():
    with (
        pytest.raises(IntegrityError, match="topic_min_groups_not_above_max"),
        transaction.atomic(),
    ):
        TopicFactory(max_groups=1, min_groups=2)
    assert TopicFactory(max_groups=2, min_groups=2).min_groups == 2
