"""Organizer pages of the circle assignment, under /manage/e/<slug>/assignment/."""

from django.urls import path

from klimakreise.circles import membership_views, print_views, views
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
    path(PREFIX + "members/", membership_views.members, name="members"),
    path(PREFIX + "members/add/", membership_views.add_member, name="add_member"),
    path(PREFIX + "members/<int:pk>/move/", membership_views.move_member, name="move_member"),
    path(PREFIX + "members/<int:pk>/remove/", membership_views.remove_member, name="remove_member"),
    path(
        PREFIX + "circles/<int:pk>/moderator/",
        membership_views.choose_moderator,
        name="choose_moderator",
    ),
    path(PREFIX + "unlock/", membership_views.unfix, name="unfix"),
    # PDFs to print; `?format=html` shows the same as a web page.
    path(PREFIX + "print/circles.pdf", print_views.circles, name="print_circles"),
    path(PREFIX + "print/circles/<int:pk>.pdf", print_views.circle, name="print_circle"),
    path(PREFIX + "print/attendance.pdf", print_views.attendance, name="print_attendance"),
    path(PREFIX + "print/badges.pdf", print_views.badges, name="print_badges"),
]
