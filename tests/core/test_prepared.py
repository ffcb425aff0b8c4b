import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Upper
from django.test.utils import CaptureQueriesContext

from klimakreise.core.prepared import PreparedQuery
from klimakreise.editions.models import AgendaItem, Edition, Topic
from tests.factories import (
    AgendaItemFactory,
    EditionFactory,
    OrganizationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def agenda_query(builds=None):
    def build(edition_id):
        if builds is not None:
            builds.append(edition_id)
        return AgendaItem.objects.filter(edition_id=edition_id).select_related("organization")

    return PreparedQuery(build, edition_id=int)


def test_gives_the_same_instances_as_the_orm_with_related_objects_loaded():
    edition = EditionFactory()
    AgendaItemFactory(edition=edition, organization=OrganizationFactory(name="BUND"))
    AgendaItemFactory(edition=edition, organization=None)
    expected = list(AgendaItem.objects.filter(edition=edition).select_related("organization"))

    with CaptureQueriesContext(connection) as queries:
        items = agenda_query()(edition_id=edition.pk)
        organizations = [item.organization and item.organization.name for item in items]

    assert len(queries) == 1
    assert [i.pk for i in items] == [i.pk for i in expected]
    assert [(i.title, i.start, i.kind) for i in items] == [
        (i.title, i.start, i.kind) for i in expected
    ]
    assert organizations == [i.organization and i.organization.name for i in expected]
    assert items[0].start.tzinfo is not None  # database values are converted as by the ORM


def test_each_call_runs_with_its_own_values():
    first, second = EditionFactory(), EditionFactory()
    AgendaItemFactory(edition=first, title="Erste")
    AgendaItemFactory(edition=second, title="Zweite")
    query = agenda_query()

    assert [i.title for i in query(edition_id=first.pk)] == ["Erste"]
    assert [i.title for i in query(edition_id=second.pk)] == ["Zweite"]
    assert query(edition_id=second.pk + 1000) == []


def test_builds_the_queryset_once_per_connection():
    edition = EditionFactory()
    builds = []
    query = agenda_query(builds)

    query(edition_id=edition.pk)
    query(edition_id=edition.pk)

    assert len(builds) == 1


def test_finds_a_string_value_among_the_parameters():
    edition = EditionFactory(slug="klimakreise-2030")
    query = PreparedQuery(lambda slug: Edition.objects.filter(slug=slug), slug=str)

    assert [e.pk for e in query(slug="klimakreise-2030")] == [edition.pk]
    assert query(slug="unbekannt") == []


def test_refuses_a_value_that_does_not_become_one_parameter():
    EditionFactory()
    query = PreparedQuery(lambda edition_id: AgendaItem.objects.all(), edition_id=int)

    with pytest.raises(ImproperlyConfigured, match="edition_id"):
        query(edition_id=1)


def test_sets_annotations_on_instances():
    edition = EditionFactory(slug="mit-themen")
    TopicFactory.create_batch(2, edition=edition)
    query = PreparedQuery(
        lambda slug: Edition.objects.filter(slug=slug).annotate(topic_count=Count("topics")),
        slug=str,
    )

    (found,) = query(slug="mit-themen")

    assert found.pk == edition.pk
    assert found.topic_count == 2


def test_values_rows_are_named_tuples_read_by_name():
    edition = EditionFactory()
    TopicFactory(edition=edition, title="Energie", slug="energie")
    query = PreparedQuery(
        lambda edition_id: (
            Topic.objects.filter(edition_id=edition_id)
            .annotate(loud=Upper("title"))
            .values_list("loud", "slug")
        ),  # the SQL selects slug first: annotations come last
        edition_id=int,
    )

    (row,) = query(edition_id=edition.pk)

    assert (row.loud, row.slug) == ("ENERGIE", "energie")


def test_values_rows_with_a_group_by():
    edition = EditionFactory()
    TopicFactory.create_batch(3, edition=edition)
    query = PreparedQuery(
        lambda edition_id: (
            Topic.objects.filter(edition_id=edition_id).values("edition_id").annotate(n=Count("id"))
        ),
        edition_id=int,
    )

    assert [tuple(row) for row in query(edition_id=edition.pk)] == [(edition.pk, 3)]


def test_refuses_extra():
    query = PreparedQuery(
        lambda slug: Edition.objects.filter(slug=slug).extra(select={"one": "1"}), slug=str
    )
    with pytest.raises(ImproperlyConfigured, match="extra"):
        query(slug="x")


def test_refuses_unsupported_types_and_missing_values():
    with pytest.raises(ImproperlyConfigured, match="int and str"):
        PreparedQuery(lambda day: Edition.objects.filter(start__date=day), day=object)

    query = agenda_query()
    with pytest.raises(TypeError, match="edition_id"):
        query(edition=1)


def test_first_or_404_gives_the_first_result_or_not_found():
    from django.http import Http404

    edition = EditionFactory(slug="vorhanden")
    query = PreparedQuery(lambda slug: Edition.objects.filter(slug=slug), slug=str)

    assert query.first_or_404(slug="vorhanden").pk == edition.pk
    with pytest.raises(Http404):
        query.first_or_404(slug="fehlt")


def test_several_values_of_one_type_each_find_their_parameter():
    edition = EditionFactory()
    first = AgendaItemFactory(edition=edition, title="Erster")
    AgendaItemFactory(edition=edition, title="Zweiter")
    query = PreparedQuery(
        lambda edition_id, item_id: AgendaItem.objects.filter(edition_id=edition_id, pk=item_id),
        edition_id=int,
        item_id=int,
    )

    assert [i.title for i in query(edition_id=edition.pk, item_id=first.pk)] == ["Erster"]
    assert query(edition_id=edition.pk + 1, item_id=first.pk) == []


def test_a_value_for_a_small_positive_field_is_a_parameter_too():
    # Django compiles an out-of-range value to "no rows"; the placeholder must fit every field.
    edition = EditionFactory()
    TopicFactory(edition=edition, position=7, title="Sieben")
    query = PreparedQuery(
        lambda position: Topic.objects.filter(position=position).order_by("pk"), position=int
    )

    assert [t.title for t in query(position=7)] == ["Sieben"]
