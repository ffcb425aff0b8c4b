"""How steps take part in what lower apps do, through the signals they define: the Rückblick on
the previous edition's steps on the edition page and in the plenary view, and names leaving the
notes when a person's data is erased."""

from django.template.loader import render_to_string
from django.utils.translation import gettext

from klimakreise.boards.signals import PlenarySection, plenary_rendering
from klimakreise.editions.signals import edition_page_rendering
from klimakreise.registrations.privacy import personal_data_erased
from klimakreise.steps.erasure import on_erasure
from klimakreise.steps.review import ANCHOR, previous_steps


def review_section(request, edition, *, slide: bool = False) -> str:
    """The Rückblick as HTML, "" without a previous edition; in the plenary it is the first
    slide, which the arrow keys reach like a circle's."""
    review = previous_steps(edition)
    if review is None:
        return ""
    context = {"review": review, "anchor": ANCHOR, "slide": slide}
    return render_to_string("steps/_review.html", context, request=request)


def _edition_page_section(sender, *, request, edition, **kwargs) -> str:
    return review_section(request, edition)


def _plenary_section(sender, *, request, edition, **kwargs) -> PlenarySection | None:
    html = review_section(request, edition, slide=True)
    if not html:
        return None
    return PlenarySection(anchor=ANCHOR, title=gettext("Review"), html=html)


def connect() -> None:
    edition_page_rendering.connect(_edition_page_section, dispatch_uid="steps:review:page")
    plenary_rendering.connect(_plenary_section, dispatch_uid="steps:review:plenary")
    personal_data_erased.connect(on_erasure, dispatch_uid="steps:erasure")
