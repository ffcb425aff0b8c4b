from django.urls import path

from klimakreise.backoffice.managed_models import EDITION, EDITION_CHILDREN, SERIES_CHILDREN
from klimakreise.backoffice.views import editions, series
from klimakreise.backoffice.views.generic import ChildCreateView, ChildDeleteView, ChildUpdateView


def child_patterns(prefix: str, managed_models) -> list:
    """Create, edit and (where allowed) delete URLs for each managed model below `prefix`."""
    patterns = []
    for kind in managed_models:
        base = f"{prefix}{kind.segment}/"
        patterns += [
            path(f"{base}new/", ChildCreateView.as_view(kind=kind), name=f"{kind.name}_create"),
            path(
                f"{base}<int:pk>/edit/",
                ChildUpdateView.as_view(kind=kind),
                name=f"{kind.name}_edit",
            ),
        ]
        if kind.deletable:
            patterns.append(
                path(
                    f"{base}<int:pk>/delete/",
                    ChildDeleteView.as_view(kind=kind),
                    name=f"{kind.name}_delete",
                )
            )
    return patterns


app_name = "backoffice"
urlpatterns = [
    path("", series.home, name="home"),
    path("series/new/", series.SeriesCreateView.as_view(), name="series_create"),
    path("series/<slug:series>/", series.SeriesDetailView.as_view(), name="series"),
    path("series/<slug:series>/edit/", series.SeriesUpdateView.as_view(), name="series_edit"),
    path("series/<slug:series>/team/", series.SeriesTeamView.as_view(), name="series_team"),
    path(
        "series/<slug:series>/team/<int:user_id>/remove/",
        series.series_team_remove,
        name="series_team_remove",
    ),
    path(
        "series/<slug:series>/editions/new/",
        editions.EditionCreateView.as_view(kind=EDITION),
        name="edition_create",
    ),
    path("series/<slug:series>/sectors/<int:pk>/move/", series.sector_move, name="sector_move"),
    *child_patterns("series/<slug:series>/", SERIES_CHILDREN),
    path("e/<slug:slug>/", editions.EditionCockpitView.as_view(), name="edition"),
    path("e/<slug:slug>/details/", editions.EditionDetailView.as_view(), name="edition_details"),
    path(
        "e/<slug:slug>/edit/",
        editions.EditionUpdateView.as_view(kind=EDITION),
        name="edition_edit",
    ),
    path("e/<slug:slug>/status/", editions.edition_status, name="edition_status"),
    path("e/<slug:slug>/clone/", editions.EditionCloneView.as_view(), name="edition_clone"),
    path(
        "e/<slug:slug>/delete/",
        editions.EditionDeleteView.as_view(kind=EDITION),
        name="edition_delete",
    ),
    *child_patterns("e/<slug:slug>/", EDITION_CHILDREN),
]
