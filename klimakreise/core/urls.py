from django.urls import path

from klimakreise.core import views

app_name = "core"
urlpatterns = [
    path("language/<str:code>/", views.switch_language, name="language"),
    path("favicon.ico", views.favicon),
]
