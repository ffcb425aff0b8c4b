"""The links of an edition's two main pages, each a static list: the tools on its organizer page
and the actions on its public page.

Several apps own these pages (registrations, circles, boards, results, outbox). They are named
here by their URL names only, so the list stays in one place without editions importing any of
the apps above it; whether a link shows depends on the edition alone.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimakreise.editions.models import Edition


def _always(edition: Edition) -> bool:
    return True


@dataclass(frozen=True)
class EditionLink:
    label: str  # a lazy translation
    url_name: str  # reversed with the edition's slug
    shown: Callable[[Edition], bool] = _always

    def url(self, edition: Edition) -> str:
        return reverse(self.url_name, kwargs={"slug": edition.slug})


ORGANIZER_TOOLS = (
    EditionLink(_("Registrations"), "registrations_organizer:list"),
    EditionLink(_("Check-in"), "registrations_organizer:checkin"),
    EditionLink(_("Circle assignment"), "circles:assignment"),
    EditionLink(_("Circle workspaces"), "boards:overview"),
    EditionLink(_("Facilitator console"), "boards:console"),
    EditionLink(_("Plenary view"), "boards:plenary"),
    EditionLink(_("Feedback survey"), "feedback:survey"),
    EditionLink(_("Date polls"), "polls:list"),
    EditionLink(_("Results and publication"), "results:review"),
    EditionLink(_("Funder report"), "reports:edition"),
    EditionLink(_("Next steps followed up"), "steps:edition"),
    EditionLink(_("Email outbox"), "outbox:edition"),
)

PUBLIC_ACTIONS = (
    EditionLink(_("Register"), "registrations:register", shown=Edition.registration_is_open),
    EditionLink(_("Results"), "results:page", shown=lambda e: e.results_are_published),
    EditionLink(_("Add to calendar"), "editions:calendar", shown=lambda e: not e.is_past),
    EditionLink(_("Plenary view"), "boards:plenary", shown=lambda e: e.results_are_published),
)


def links_for(edition: Edition, links) -> list[tuple[str, str]]:
    """(label, URL) of each link that shows for this edition."""
    return [(str(link.label), link.url(edition)) for link in links if link.shown(edition)]
