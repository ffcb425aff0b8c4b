"""Who may organize what: the one access check of every organizer page, view and API call.

A series is organized by its team (and by superusers). Organizer pages answer one way, whichever
app they belong to:

- anonymous visitors go to the login page before anything is looked up;
- signed-in people who do not organize the series, and unknown series or editions, get 404, so
  that a stranger cannot tell an existing edition from a missing one;
- objects below an edition are looked up inside it by the views, so another series' object is a
  404 as well.

Function views use `@organizer_view` (series or edition from the URL, see `load_scope`), class
views `OrganizerAccessMixin`.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimakreise.editions.models import Edition, Series


def is_organizer(user, series) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return series.organizers.filter(pk=user.pk).exists()


def require_organizer(user, series) -> None:
    """404 for everyone who does not organize the series: nothing is learned about it."""
    if not is_organizer(user, series):
        raise Http404


def organized_series(user):
    if user.is_superuser:
        return Series.objects.all()
    return Series.objects.filter(organizers=user)


@dataclass(frozen=True)
class Scope:
    """The series and (optionally) the edition a request works in, both checked."""

    series: Series | None = None
    edition: Edition | None = None

    @property
    def url(self) -> str:
        """The organizer page of the innermost scope."""
        if self.edition is not None:
            return reverse("backoffice:edition", kwargs={"slug": self.edition.slug})
        if self.series is not None:
            return reverse("backoffice:series", kwargs={"series": self.series.slug})
        return reverse("backoffice:home")

    def trail(self, *, include_self: bool = True) -> list[tuple[str, str]]:
        """Breadcrumb links (label, url) from the organizer home down to this scope."""
        links = [(_("Manage"), reverse("backoffice:home"))]
        if self.series is not None:
            links.append((self.series.title, reverse("backoffice:series", args=[self.series.slug])))
        if self.edition is not None:
            links.append(
                (self.edition.title, reverse("backoffice:edition", args=[self.edition.slug]))
            )
        return links if include_self else links[:-1]


def load_scope(user, url_kwargs, *, superuser_only: bool = False) -> Scope:
    """Resolve the URL's edition (`slug`) or series (`series`) and check the user may organize
    it. Edition pages name the edition `slug`: they all live under /manage/e/<slug>/."""
    if superuser_only and not user.is_superuser:
        raise Http404
    if "slug" in url_kwargs:
        editions = Edition.objects.select_related("series")
        edition = get_object_or_404(editions, slug=url_kwargs["slug"])
        scope = Scope(series=edition.series, edition=edition)
    elif "series" in url_kwargs:
        scope = Scope(series=get_object_or_404(Series, slug=url_kwargs["series"]))
    else:
        scope = Scope()
    if scope.series is not None:
        require_organizer(user, scope.series)
    return scope


def organizer_view(view=None, *, superuser_only: bool = False):
    """For function views: the view receives the checked scope after the request; the URL's
    `slug` or `series` is consumed by the check."""
    if view is None:
        return functools.partial(organizer_view, superuser_only=superuser_only)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scope = load_scope(request.user, kwargs, superuser_only=superuser_only)
        kwargs.pop("slug", None)
        kwargs.pop("series", None)
        return view(request, scope, *args, **kwargs)

    return wrapper


class OrganizerAccessMixin:
    """For class-based views: the same check first; the result is kept in self.scope."""

    superuser_only = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.scope = load_scope(request.user, kwargs, superuser_only=self.superuser_only)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(scope=self.scope, series=self.scope.series, edition=self.scope.edition)
        return context


# Every organizer page of an edition lives below this route; `load_scope` reads its `slug`.
ORGANIZER_ROUTE = "manage/e/<slug:slug>/"
