from django.urls import path

from klimakreise.outbox import views

app_name = "outbox"
urlpatterns = [
    path("manage/editions/<slug:slug>/outbox/", views.edition_outbox, name="edition"),
    path(
        "manage/editions/<slug:slug>/outbox/<int:pk>/retry/",
        views.retry_failed_email,
        name="retry",
    ),
]
