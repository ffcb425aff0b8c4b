"""The access check every back-office view runs before it does anything else.

Anonymous visitors go to the login page before any lookup (so they learn nothing about what
exists); logged-in people get 404 for unknown series/editions and 403 unless they organize the
series. Objects below an edition are looked up inside it, so another series' object is a 404.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimakreise.core.permissions import require_organizer
from klimakreise.editions.models import Edition, Series


@dataclass(frozen=True)
class Scope:
    """The series and (optionally) the edition a request works in, both checked."""

    series: Series | None = None
    edition: Edition | None = None

    @property
    def url(self) -> str:
        """The back-office page of the innermost scope."""
        if self.edition is not None:
            return reverse("backoffice:edition", kwargs={"edition": self.edition.slug})
        if self.series is not None:
            return reverse("backoffice:series", kwargs={"series": self.series.slug})
        return reverse("backoffice:home")

    def trail(self, *, include_self: bool = True) -> list[tuple[str, str]]:
        """Breadcrumb links (label, url) from the back-office home down to this scope."""
        links = [(_("Manage"), reverse("backoffice:home"))]
        if self.series is not None:
            links.append((self.series.title, reverse("backoffice:series", args=[self.series.slug])))
        if self.edition is not None:
            links.append(
                (self.edition.title, reverse("backoffice:edition", args=[self.edition.slug]))
            )
        return links if include_self else links[:-1]


def load_scope(user, url_kwargs, *, superuser_only: bool = False) -> Scope:
    """Resolve the URL's series or edition and check the user may organize it."""
    if superuser_only and not user.is_superuser:
        raise PermissionDenied
    if "edition" in url_kwargs:
        editions = Edition.objects.select_related("series")
        edition = get_object_or_404(editions, slug=url_kwargs["edition"])
        scope = Scope(series=edition.series, edition=edition)
    elif "series" in url_kwargs:
        scope = Scope(series=get_object_or_404(Series, slug=url_kwargs["series"]))
    else:
        scope = Scope()
    if scope.series is not None:
        require_organizer(user, scope.series)
    return scope


class ScopedAccessMixin:
    """For class-based views: runs the access check first and keeps the result in self.scope."""

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


def organizer_view(view=None, *, superuser_only: bool = False):
    """For function views: the same check; the view receives the scope after the request."""
    if view is None:
        return functools.partial(organizer_view, superuser_only=superuser_only)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scope = load_scope(request.user, kwargs, superuser_only=superuser_only)
        return view(request, scope, *args, **kwargs)

    return wrapper


def edition_organizer_view(view):
    """For the organizer pages of one edition whose URLs name it `slug` (as the organizer tool
    links in klimakreise.core.nav are reversed): anonymous → login page; not an organizer of
    the edition's series → 403; unknown → 404. The view gets the checked edition."""

    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scope = load_scope(request.user, {"edition": slug})
        return view(request, scope.edition, *args, **kwargs)

    return wrapper
