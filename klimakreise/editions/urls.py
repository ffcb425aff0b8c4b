from django.urls import path

from klimakreise.editions import views

app_name = "editions"
urlpatterns = [
    path("", views.home, name="home"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("e/<slug:slug>/", views.edition_detail, name="edition"),
    path("e/<slug:slug>/calendar.ics", views.calendar, name="calendar"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("files/<int:pk>/preview.png", views.attachment_preview, name="attachment_preview"),
]
