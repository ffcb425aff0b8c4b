from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView, UpdateView

from klimakreise.backoffice import services
from klimakreise.backoffice.forms.series import SeriesForm, TeamMemberForm
from klimakreise.backoffice.services import Invitation
from klimakreise.circles.models import staffed_circles
from klimakreise.editions import services as edition_services
from klimakreise.editions.access import OrganizerAccessMixin, organized_series, organizer_view


@login_required
def home(request):
    series_list = organized_series(request.user).annotate(edition_count=Count("editions"))
    context = {"series_list": series_list, "staffed_circles": staffed_circles(request.user)}
    return render(request, "backoffice/home.html", context)


class SeriesCreateView(OrganizerAccessMixin, FormView):
    superuser_only = True
    form_class = SeriesForm
    template_name = "backoffice/form.html"

    def form_valid(self, form):
        series = edition_services.create_series(**form.cleaned_data)
        messages.success(self.request, _("Saved."))
        return redirect("backoffice:series", series=series.slug)

    def get_context_data(self, **kwargs):
        title = _("New series")
        return super().get_context_data(page_title=title, trail=self.scope.trail(), **kwargs)


class SeriesUpdateView(OrganizerAccessMixin, UpdateView):
    superuser_only = True
    form_class = SeriesForm
    template_name = "backoffice/form.html"

    def get_object(self, queryset=None):
        return self.scope.series

    def form_valid(self, form):
        self.object = edition_services.update_series(series=self.object, **form.cleaned_data)
        messages.success(self.request, _("Saved."))
        return redirect(self.scope.url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Edit series “%(name)s”") % {"name": self.object},
            trail=self.scope.trail(),
            cancel_url=self.scope.url,
            **kwargs,
        )


class SeriesDetailView(OrganizerAccessMixin, TemplateView):
    template_name = "backoffice/series.html"

    def get_context_data(self, **kwargs):
        series = self.scope.series
        return super().get_context_data(
            trail=self.scope.trail(include_self=False),
            editions=series.editions.order_by("-start"),
            organizers=series.organizers.order_by("name"),
            sectors=series.sectors.all(),
            organizations=series.organizations.select_related("sector"),
            **kwargs,
        )


class SeriesTeamView(OrganizerAccessMixin, FormView):
    """The organizer team of a series; only superusers change it."""

    superuser_only = True
    form_class = TeamMemberForm
    template_name = "backoffice/team.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "series": self.scope.series}

    def form_valid(self, form):
        user, outcome = services.invite_series_organizer(
            series=self.scope.series,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            invited_by=self.request.user,
            language=translation.get_language(),
        )
        texts = {
            Invitation.CREATED: _(
                "%(name)s now belongs to the team. An account was created, and an email with a "
                "link to choose a password is on its way to %(email)s."
            ),
            Invitation.INVITED: _(
                "%(name)s now belongs to the team. An email with a link to choose a password "
                "is on its way to %(email)s."
            ),
            Invitation.ADDED: _(
                "%(name)s now belongs to the team and gets a short notice at %(email)s."
            ),
            Invitation.RESENT: _(
                "%(name)s already belongs to the team but has not chosen a password yet. A new "
                "link is on its way to %(email)s."
            ),
            Invitation.UNCHANGED: _("%(name)s already belongs to the team."),
        }
        messages.success(self.request, texts[outcome] % {"name": user, "email": user.email})
        return redirect("backoffice:series_team", series=self.scope.series.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Organizer team"),
            trail=self.scope.trail(),
            organizers=self.scope.series.organizers.order_by("name"),
            **kwargs,
        )


@organizer_view(superuser_only=True)
@require_POST
def series_team_remove(request, scope, user_id):
    user = get_object_or_404(scope.series.organizers.all(), pk=user_id)
    edition_services.remove_series_organizer(series=scope.series, user=user)
    messages.success(request, _("%(name)s no longer belongs to the team.") % {"name": user})
    return redirect("backoffice:series_team", series=scope.series.slug)


@organizer_view
@require_POST
def sector_move(request, scope, pk):
    sector = get_object_or_404(scope.series.sectors.all(), pk=pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if offset is None:  # only the page's two buttons send a direction
        return render(request, "400.html", status=400)
    services.move_sector(sector=sector, offset=offset)
    return redirect("backoffice:series", series=scope.series.slug)
