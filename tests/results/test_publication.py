from datetime import timedelta

import pytest
from django.utils import timezone

from klimakreise.boards import services
from klimakreise.editions.models import Documentation
from klimakreise.results.publication import (
    StaleDocumentation,
    documentation_for,
    publish_results,
    touch_results,
    unpublish_results,
    update_documentation,
)
from tests.results.factories import CardFactory

pytestmark = pytest.mark.django_db


def reload(edition):
    return type(edition).objects.select_related("documentation").get(pk=edition.pk)


def test_results_are_unpublished_until_organizers_publish_them(results_edition):
    assert not results_edition.results_are_published
    publish_results(edition=results_edition)
    documentation = Documentation.objects.get(edition=results_edition)
    assert documentation.status == Documentation.Status.PUBLISHED
    assert documentation.published_at is not None
    assert not documentation.updated_after_publishing
    assert reload(results_edition).results_are_published


def test_unpublishing_hides_the_results_again(published):
    unpublish_results(edition=published)
    assert not reload(published).results_are_published
    assert Documentation.objects.get(edition=published).published_at is None


def test_results_of_a_draft_edition_are_not_public_even_when_published(published):
    published.status = published.Status.DRAFT
    published.save()
    assert not reload(published).results_are_published


def test_a_card_changed_after_publishing_marks_the_results_updated(published):
    then = timezone.now() - timedelta(days=2)
    Documentation.objects.filter(edition=published).update(published_at=then, updated_at=then)
    assert not Documentation.objects.get(edition=published).updated_after_publishing
    services.add_card(circle=published.circles.first(), column="ideas", text="Nachtrag", actor={})
    assert Documentation.objects.get(edition=published).updated_after_publishing


@pytest.mark.parametrize("change", ["edit", "move", "notes"])
def test_every_kind_of_board_change_after_publishing_marks_the_results_updated(published, change):
    then = timezone.now() - timedelta(days=2)
    Documentation.objects.filter(edition=published).update(published_at=then, updated_at=then)
    circle = published.circles.first()
    card = CardFactory(circle=circle, column="ideas", text="Vorher")
    Documentation.objects.filter(edition=published).update(updated_at=then)
    if change == "edit":
        services.edit_card(
            circle=circle, card_id=card.pk, version=card.version, text="Nachher", actor={}
        )
    elif change == "move":
        services.move_card(
            circle=circle, card_id=card.pk, version=card.version, column="next_steps", actor={}
        )
    else:
        services.save_notes(circle=circle, version=circle.notes.version, text="Neu", actor={})
    assert Documentation.objects.get(edition=published).updated_after_publishing


def test_changes_to_a_draft_do_not_count_as_updates(results_edition):
    documentation = documentation_for(results_edition)
    before = documentation.updated_at
    CardFactory(circle=results_edition.circles.first())
    touch_results(edition=results_edition)
    documentation.refresh_from_db()
    assert documentation.updated_at == before


def test_a_stale_review_form_is_refused_and_changes_nothing(results_edition):
    documentation = documentation_for(results_edition)
    update_documentation(
        documentation=documentation,
        version=documentation.version,
        participant_count=40,
        results_intro="",
        outlook="Erste Fassung",
        next_date=None,
    )
    with pytest.raises(StaleDocumentation) as refused:
        update_documentation(
            documentation=documentation,
            version=documentation.version,  # the version the second organizer loaded
            participant_count=99,
            results_intro="",
            outlook="Überschreibt",
            next_date=None,
        )
    assert refused.value.current.outlook == "Erste Fassung"
    documentation.refresh_from_db()
    assert (documentation.participant_count, documentation.outlook) == (40, "Erste Fassung")
