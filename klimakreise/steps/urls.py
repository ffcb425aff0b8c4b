from django.urls import path

from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.steps import organizer, views

SERIES = "manage/series/<slug:series>/steps/"

app_name = "steps"
urlpatterns = [
    path("steps/<str:token>/", views.personal, name="personal"),
    path("steps/<str:token>/<int:card_id>/", views.personal_update, name="personal_update"),
    path(SERIES, organizer.series_steps, name="series"),
    path(f"{SERIES}<int:card_id>/", organizer.step_detail, name="step"),
    path(f"{SERIES}<int:card_id>/status/", organizer.step_update, name="step_update"),
    path(f"{SERIES}<int:card_id>/owner/", organizer.step_owner, name="step_owner"),
    path(ORGANIZER_ROUTE + "steps/", organizer.edition_steps, name="edition"),
]
