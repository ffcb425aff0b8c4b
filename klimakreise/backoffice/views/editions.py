import re
from datetime import datetime

from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from klimakreise.backoffice.cockpit import build_cockpit
from klimakreise.backoffice.forms.editions import CloneForm, StatusForm
from klimakreise.backoffice.views.generic import ChildCreateView, ChildDeleteView, ChildUpdateView
from klimakreise.circles.models import Circle
from klimakreise.editions.access import OrganizerAccessMixin, organizer_view
from klimakreise.editions.models import AgendaItem, Attachment, Edition
from klimakreise.editions.services import change_edition_status, clone_edition, update_edition


def edition_url(edition) -> str:
    return reverse("backoffice:edition", kwargs={"slug": edition.slug})


class EditionCockpitView(OrganizerAccessMixin, TemplateView):
    """Where the edition stands: phase, numbers, open problems and the next step."""

    template_name = "backoffice/cockpit.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trail=self.scope.trail(include_self=False),
            cockpit=build_cockpit(self.scope.edition),
            tab="cockpit",
            **kwargs,
        )


class EditionDetailView(OrganizerAccessMixin, TemplateView):
    """Everything of one edition with edit links, in a fixed number of queries."""

    template_name = "backoffice/edition.html"

    def get_context_data(self, **kwargs):
        edition = self.scope.edition
        return super().get_context_data(
            trail=self.scope.trail(include_self=False),
            tab="details",
            agenda_items=AgendaItem.objects.filter(edition=edition).select_related("organization"),
            topics=edition.topics.all(),
            circles=Circle.objects.filter(edition=edition).select_related(
                "topic", "moderator", "expert", "note_taker"
            ),
            partners=edition.partners.select_related("organization"),
            attachments=Attachment.objects.filter(edition=edition).select_related(
                "agenda_item", "circle__topic"
            ),
            previous=edition.previous,
            status_form=StatusForm(initial={"status": edition.status}),
            **kwargs,
        )


class EditionCreateView(ChildCreateView):
    def get_success_url(self):
        return edition_url(self.object)


class EditionUpdateView(ChildUpdateView):
    """The edition itself, edited as a child of its series."""

    def get_object(self, queryset=None):
        return self.scope.edition

    def get_context_data(self, **kwargs):
        return super().get_context_data(tab="edit", **kwargs)

    def form_valid(self, form):
        # Through the service rather than form.save(): it locks the edition and lets
        # registrations follow (waitlist for new seats, queued reminders for a new date).
        self.object = update_edition(edition=self.object, changes=form.cleaned_data)
        messages.success(self.request, _("Saved."))
        return redirect(self.get_success_url())


class EditionDeleteView(ChildDeleteView):
    def get_object(self, queryset=None):
        return self.scope.edition

    def get_success_url(self):
        return reverse("backoffice:series", kwargs={"series": self.scope.series.slug})

    def get_context_data(self, **kwargs):
        warning = _(
            "The agenda, topics, circles, partners, files and all registrations of this "
            "edition are deleted with it."
        )
        return super().get_context_data(warning=warning, **kwargs)


@organizer_view
@require_POST
def edition_status(request, scope):
    form = StatusForm(request.POST)
    if form.is_valid():
        change_edition_status(edition=scope.edition, status=form.cleaned_data["status"])
        messages.success(
            request,
            _("The status is now “%(status)s”.") % {"status": scope.edition.get_status_display()},
        )
    else:
        messages.error(request, _("Please choose one of the offered statuses."))
    return redirect(scope.url)


def _next_year(moment: datetime) -> datetime:
    """The same local wall-clock time one year later (28 February for a 29 February)."""
    local = timezone.localtime(moment)
    try:
        return local.replace(year=local.year + 1)
    except ValueError:
        return local.replace(year=local.year + 1, day=28)


def clone_initial(edition: Edition) -> dict:
    """Suggestions for the next edition: next number, one year later, year in slug bumped."""
    highest = edition.series.editions.aggregate(highest=Max("number"))["highest"] or 0
    start, end = _next_year(edition.start), _next_year(edition.end)
    number = highest + 1
    title = re.sub(rf"^{edition.number}(?=\D)", str(number), edition.title)
    old_year = timezone.localtime(edition.start).year
    slug = _next_slug(edition.slug, numbers=(edition.number, number), years=(old_year, start.year))
    return {"number": number, "title": title, "slug": slug, "start": start, "end": end}


def _next_slug(slug: str, *, numbers: tuple[int, int], years: tuple[int, int]) -> str:
    """ "magdeburg-3" → "magdeburg-4", "klima-2027" → "klima-2028": the edition's number and year
    (old, new) are replaced where they stand as parts of the slug; without either, the new year
    is added."""
    replacements = {str(numbers[0]): str(numbers[1]), str(years[0]): str(years[1])}
    parts = slug.split("-")
    changed = [replacements.get(part, part) for part in parts]
    if changed != parts:
        return "-".join(changed)
    return f"{slug}-{years[1]}"[:80]


class EditionCloneView(OrganizerAccessMixin, FormView):
    """ "New edition from this one": a draft with its topics, agenda and partners."""

    form_class = CloneForm
    template_name = "backoffice/form.html"

    def get_initial(self):
        return clone_initial(self.scope.edition)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parent": self.scope.series}

    def form_valid(self, form):
        clone = clone_edition(edition=self.scope.edition, **form.cleaned_data)
        messages.success(self.request, _("The new edition was created as a draft."))
        return redirect(edition_url(clone))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("New edition from “%(name)s”") % {"name": self.scope.edition},
            trail=self.scope.trail(),
            cancel_url=self.scope.url,
            **kwargs,
        )
