from django.urls import path

from klimakreise.results import views

app_name = "results"
urlpatterns = [
    path("e/<slug:slug>/results/", views.results_page, name="page"),
    path("e/<slug:slug>/results/export/<str:fmt>/", views.export_download, name="export"),
    path("e/<slug:slug>/calendar.ics", views.calendar, name="calendar"),
    path("manage/editions/<slug:slug>/results/", views.review, name="review"),
    path("manage/editions/<slug:slug>/results/publish/", views.publish, name="publish"),
    path("manage/editions/<slug:slug>/results/unpublish/", views.unpublish, name="unpublish"),
]
