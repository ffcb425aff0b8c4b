"""Links that apps contribute to pages they do not own.

An app registers its links in its AppConfig.ready(); the edition pages render whatever is
registered. That way registration, assignment and results each add their entry without editing
the templates of the editions or back-office apps.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class EditionLink:
    label: str  # a lazy translation
    url_name: str  # reversed with the edition's slug
    # Decides per edition whether the link shows (e.g. only while registration is open).
    visible: Callable = lambda edition: True
    order: int = 100

    def url(self, edition) -> str:
        return reverse(self.url_name, kwargs={"slug": edition.slug})


ORGANIZER_TOOLS: list[EditionLink] = []  # shown on the back-office page of an edition
PUBLIC_ACTIONS: list[EditionLink] = []  # shown on the public edition page


def register_organizer_tool(link: EditionLink) -> None:
    ORGANIZER_TOOLS.append(link)
    ORGANIZER_TOOLS.sort(key=lambda item: item.order)


def register_public_action(link: EditionLink) -> None:
    PUBLIC_ACTIONS.append(link)
    PUBLIC_ACTIONS.sort(key=lambda item: item.order)


def links_for(edition, links: list[EditionLink]) -> list[tuple[str, str]]:
    return [(str(link.label), link.url(edition)) for link in links if link.visible(edition)]
