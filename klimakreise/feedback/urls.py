"""Organizer pages under /manage/e/<slug>/feedback/ and the participants' survey pages."""

from django.urls import path

from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.feedback import answer_views, views

app_name = "feedback"

PREFIX = ORGANIZER_ROUTE + "feedback/"

urlpatterns = [
    path(PREFIX, views.survey_page, name="survey"),
    path(PREFIX + "create/", views.create, name="create"),
    path(PREFIX + "settings/", views.update_settings, name="settings"),
    path(PREFIX + "questions/add/", views.add_question, name="add_question"),
    path(PREFIX + "questions/<int:pk>/delete/", views.delete_question, name="delete_question"),
    path(PREFIX + "invite/", views.invite, name="invite"),
    path(PREFIX + "report/", views.report, name="report"),
    path(PREFIX + "report.csv", views.report_csv, name="report_csv"),
    path(PREFIX + "report.xlsx", views.report_xlsx, name="report_xlsx"),
    path(PREFIX + "publish/", views.publish, name="publish"),
    # Participants: the personal link, and the public anonymous link where enabled.
    path("feedback/<str:token>/", answer_views.answer, name="answer"),
    path("e/<slug:slug>/feedback/<str:key>/", answer_views.public_answer, name="public_answer"),
    path(
        "e/<slug:slug>/feedback/<str:key>/thanks/",
        answer_views.public_thanks,
        name="public_thanks",
    ),
]
