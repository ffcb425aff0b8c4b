"""Organizer pages of the circle assignment, under /manage/e/<slug>/assignment/."""

from django.urls import path

from klimakreise.circles import views
from klimakreise.editions.access import ORGANIZER_ROUTE

app_name = "circles"

PREFIX = ORGANIZER_ROUTE + "assignment/"

urlpatterns = [
    path(PREFIX, views.assignment, name="assignment"),
    path(PREFIX + "run/", views.run, name="run"),
    path(PREFIX + "pins/", views.pin, name="pin"),
    path(PREFIX + "pins/<int:pk>/delete/", views.unpin, name="unpin"),
    path(PREFIX + "runs/<int:pk>/", views.proposal, name="proposal"),
    path(PREFIX + "runs/<int:pk>/move/", views.move, name="move"),
    path(PREFIX + "runs/<int:pk>/lock/", views.lock, name="lock"),
    path(PREFIX + "runs/<int:pk>/publish/", views.publish, name="publish"),
]
