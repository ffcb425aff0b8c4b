from django.urls import path

from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.reports import views

app_name = "reports"
urlpatterns = [
    path(ORGANIZER_ROUTE + "report/", views.edition_report, name="edition"),
    path("manage/series/<slug:series>/report/", views.series_report, name="series"),
]
