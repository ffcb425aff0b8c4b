from django.urls import path

from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.results import views

app_name = "results"
urlpatterns = [
    path("e/<slug:slug>/results/", views.results_page, name="page"),
    path("e/<slug:slug>/results/export/<str:fmt>/", views.export_download, name="export"),
    path(ORGANIZER_ROUTE + "results/", views.review, name="review"),
    path(ORGANIZER_ROUTE + "results/publish/", views.publish, name="publish"),
    path(ORGANIZER_ROUTE + "results/unpublish/", views.unpublish, name="unpublish"),
]
