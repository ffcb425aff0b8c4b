from django.urls import path

from klimakreise.boards import views
from klimakreise.core.redirects import moved_to
from klimakreise.editions.access import ORGANIZER_ROUTE

app_name = "boards"
urlpatterns = [
    path("circles/<int:pk>/", views.workspace, name="workspace"),
    path("circles/<int:pk>/board/", views.board_fragment, name="board"),
    path("circles/<int:pk>/stream/", views.board_stream, name="stream"),
    path("circles/<int:pk>/cards/add/", views.card_add, name="card_add"),
    path("circles/<int:pk>/cards/<int:card_id>/edit/", views.card_edit, name="card_edit"),
    path("circles/<int:pk>/cards/<int:card_id>/move/", views.card_move, name="card_move"),
    path("circles/<int:pk>/cards/<int:card_id>/remove/", views.card_remove, name="card_remove"),
    path("circles/<int:pk>/cards/<int:card_id>/dot/", views.dot, name="dot"),
    path("circles/<int:pk>/vote/open/", views.vote_open, name="vote_open"),
    path("circles/<int:pk>/vote/close/", views.vote_close, name="vote_close"),
    path("circles/<int:pk>/notes/", views.notes_edit, name="notes"),
    path("circles/<int:pk>/facilitate/", views.circle_facilitate, name="facilitate"),
    path("circles/<int:pk>/files/add/", views.file_add, name="file_add"),
    path("circles/<int:pk>/video/", views.video_room, name="video_room"),
    path(ORGANIZER_ROUTE + "workspaces/", views.overview, name="overview"),
    path(ORGANIZER_ROUTE + "console/", views.console, name="console"),
    path(ORGANIZER_ROUTE + "console/action/", views.console_action, name="console_action"),
    path(ORGANIZER_ROUTE + "workspaces/settings/", views.board_settings, name="settings"),
    path(ORGANIZER_ROUTE + "workspaces/<int:pk>/history/", views.history, name="history"),
    # Addresses before the one organizer area (issue 12): permanent redirects.
    path("circles/<int:pk>/history/", views.history_moved),
    path("e/<slug:slug>/workspaces/<path:rest>", moved_to("/manage/e/{slug}/workspaces/{rest}")),
    path("e/<slug:slug>/workspaces/", moved_to("/manage/e/{slug}/workspaces/")),
    path("e/<slug:slug>/plenary/", views.plenary, name="plenary"),
    path("e/<slug:slug>/plenary/stream/", views.plenary_stream, name="plenary_stream"),
]
