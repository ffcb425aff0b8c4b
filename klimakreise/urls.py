from django.contrib import admin
from django.urls import include, path

from klimakreise.api.api import api
from klimakreise.core.redirects import moved_to
from klimakreise.editions.access import ORGANIZER_ROUTE

urlpatterns = [
    # First, so that the busiest path (the sign-up API) is found without trying the ~150 page
    # patterns: none of them starts with api/, so the order changes nothing else.
    path("api/v1/", api.urls),
    path("", include("klimakreise.core.urls")),
    path("", include("klimakreise.editions.urls")),
    path("accounts/", include("klimakreise.accounts.urls")),
    path("manage/", include("klimakreise.backoffice.urls")),
    path(ORGANIZER_ROUTE + "registrations/", include("klimakreise.registrations.organizer.urls")),
    path("", include("klimakreise.registrations.urls")),
    path("", include("klimakreise.outbox.urls")),
    path("", include("klimakreise.circles.urls")),  # /manage/e/<slug>/assignment/
    path("", include("klimakreise.boards.urls")),
    path("", include("klimakreise.feedback.urls")),
    path("", include("klimakreise.polls.urls")),
    path("", include("klimakreise.results.urls")),
    path("", include("klimakreise.reports.urls")),  # /manage/e/<slug>/report/
    path("", include("klimakreise.steps.urls")),
    path("admin/", admin.site.urls),
    # Organizer pages of an edition before they all moved below /manage/e/<slug>/ (issue 12).
    path("manage/editions/<slug:slug>/<path:rest>", moved_to("/manage/e/{slug}/{rest}")),
]

handler400 = "klimakreise.core.views.bad_request"
handler403 = "klimakreise.core.views.permission_denied"
handler404 = "klimakreise.core.views.page_not_found"
handler500 = "klimakreise.core.views.server_error"
