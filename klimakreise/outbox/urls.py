from django.urls import path

from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.outbox import views

app_name = "outbox"
urlpatterns = [
    path(ORGANIZER_ROUTE + "outbox/", views.edition_outbox, name="edition"),
    path(
        ORGANIZER_ROUTE + "outbox/<int:pk>/retry/",
        views.retry_failed_email,
        name="retry",
    ),
]
