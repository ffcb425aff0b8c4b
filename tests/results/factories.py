"""Factories for results tests: board cards, notes, registrations and PDF slides."""

import functools

import factory
from django.core.files.base import ContentFile

from klimakreise.boards.models import Card, CircleNotes
from klimakreise.circles.models import CircleMember
from klimakreise.editions.models import Attachment
from klimakreise.editions.previews import render_first_page, store_preview
from tests.factories import RegistrationFactory as BaseRegistrationFactory


@functools.cache
def slide_pdf() -> bytes:
    """A real one-page PDF (rendered once per test run)."""
    from weasyprint import HTML

    return HTML(string="<h1>Folie 1</h1><p>Impuls</p>").write_pdf()


@functools.cache
def slide_png() -> bytes:
    """The preview of slide_pdf(), made once per test run."""
    return render_first_page(slide_pdf()).png


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Card

    column = Card.Column.IDEAS
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Karte {n}")


class NextStepFactory(CardFactory):
    column = Card.Column.NEXT_STEPS
    responsible = "Radentscheid-Initiative"
    status = Card.Status.IN_PROGRESS


class CircleNotesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleNotes

    text = "Notizen mit **Markdown**."


RegistrationFactory = BaseRegistrationFactory


class CircleMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleMember

    registration = factory.SubFactory(
        RegistrationFactory, edition=factory.SelfAttribute("..circle.edition")
    )


class SlidesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment
        skip_postgeneration_save = True

    circle = None
    agenda_item = None
    edition = factory.LazyAttribute(lambda o: (o.circle or o.agenda_item).edition)
    title = factory.Sequence(lambda n: f"Folien {n}")
    file = factory.LazyFunction(lambda: ContentFile(slide_pdf(), name="folien.pdf"))
    content_type = "application/pdf"
    size = factory.LazyFunction(lambda: len(slide_pdf()))

    @factory.post_generation
    def preview(obj, create, extracted, **kwargs):
        """The preview an upload or the worker stores (preview=False: slides still without)."""
        if create and extracted is not False:
            store_preview(attachment=obj, png=slide_png())
