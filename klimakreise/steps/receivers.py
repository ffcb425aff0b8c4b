"""How steps take part in what lower apps do, through the signals they define: the Rückblick on
the previous edition's steps on the edition page and in the plenary view, and names leaving the
notes when a person's data is erased."""

from django.template import engines
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from klimakreise.boards.signals import PlenarySection, plenary_rendering
from klimakreise.core.jinja import LOCAL_FORMATS, LocalFormats
from klimakreise.editions.signals import edition_page_rendering
from klimakreise.registrations.privacy import personal_data_erased
from klimakreise.steps.erasure import on_erasure
from klimakreise.steps.review import ANCHOR, previous_steps


def review_section(request, edition, *, slide: bool = False) -> str:
    """The Rückblick as HTML, "" without a previous edition; in the plenary it is the first
    slide, which the arrow keys reach like a circle's. A Jinja2 template (core.jinja): it needs
    nothing of the request."""
    review = previous_steps(edition)
    if review is None:
        return ""
    context = {
        "review": review,
        "anchor": ANCHOR,
        "slide": slide,
        "results_url": reverse("results:page", kwargs={"slug": review.previous.slug}),
        LOCAL_FORMATS: LocalFormats.current(),
    }
    template = engines["jinja2"].get_template("steps/_review.html")
    return mark_safe(template.render(context))  # noqa: S308 (Jinja2 escaped every value)


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
