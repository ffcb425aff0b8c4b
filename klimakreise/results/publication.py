"""Whether an edition's results are public, and the services that change that.

Whether they are public is `Edition.results_are_published` (the Documentation row lives with the
edition, so lower apps such as boards can ask); the card and notes signals call `touch_results`
so a published page says "updated on …".
"""

from django.db import transaction
from django.utils import timezone

from klimakreise.core.cache import retire_public_pages
from klimakreise.editions.models import Documentation


class StaleDocumentation(Exception):
    """Someone else saved the documentation since the form was loaded."""

    def __init__(self, current: Documentation):
        super().__init__("The documentation was changed by someone else.")
        self.current = current


def documentation_for(edition) -> Documentation:
    try:
        return edition.documentation
    except Documentation.DoesNotExist:
        documentation, _ = Documentation.objects.get_or_create(edition=edition)
        return documentation


def _locked(edition) -> Documentation:
    Documentation.objects.get_or_create(edition=edition)
    return Documentation.objects.select_for_update().get(edition=edition)


@transaction.atomic
def publish_results(*, edition) -> Documentation:
    documentation = _locked(edition)
    if not documentation.is_published:
        now = timezone.now()
        documentation.status = Documentation.Status.PUBLISHED
        documentation.published_at = now
        documentation.updated_at = now
        documentation.version += 1
        documentation.save()
    retire_public_pages()
    return documentation


@transaction.atomic
def unpublish_results(*, edition) -> Documentation:
    documentation = _locked(edition)
    if documentation.is_published:
        documentation.status = Documentation.Status.DRAFT
        documentation.published_at = None
        documentation.updated_at = timezone.now()
        documentation.version += 1
        documentation.save()
    retire_public_pages()
    return documentation


@transaction.atomic
def update_documentation(
    *,
    documentation: Documentation,
    version: int,
    participant_count,
    results_intro: str,
    outlook: str,
    next_date,
) -> Documentation:
    """Save the review form; refuse (StaleDocumentation) if `version` is no longer current."""
    changed = Documentation.objects.filter(pk=documentation.pk, version=version).update(
        participant_count=participant_count,
        results_intro=results_intro,
        outlook=outlook,
        next_date=next_date,
        updated_at=timezone.now(),
        version=version + 1,
    )
    fresh = Documentation.objects.get(pk=documentation.pk)
    if not changed:
        raise StaleDocumentation(fresh)
    retire_public_pages()
    return fresh


def touch_results(*, edition=None, edition_id=None, circle_id=None) -> None:
    """The results of an edition changed: a published page shows "updated on" and is re-rendered.

    One UPDATE, nothing else while the results are unpublished (boards change often during an
    event), so it is cheap enough to call on every card save.
    """
    published = Documentation.objects.filter(status=Documentation.Status.PUBLISHED)
    if circle_id is not None:
        published = published.filter(edition__circles=circle_id)
    else:
        published = published.filter(edition_id=edition_id or edition.pk)
    if published.update(updated_at=timezone.now()):
        retire_public_pages()
