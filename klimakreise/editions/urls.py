from django.urls import path

from klimakreise.editions import views

app_name = "editions"
urlpatterns = [
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("e/<slug:slug>/", views.edition_detail, name="edition"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
]
