from django.urls import path

from klimakreise.editions.access import ORGANIZER_ROUTE
from klimakreise.polls import views, voter_views

app_name = "polls"
POLLS = ORGANIZER_ROUTE + "polls/"
urlpatterns = [
    path(POLLS, views.poll_list, name="list"),
    path(POLLS + "<int:pk>/", views.poll_detail, name="detail"),
    path(POLLS + "<int:pk>/dates/", views.add_option, name="add_option"),
    path(
        POLLS + "<int:pk>/dates/<int:option_pk>/remove/",
        views.remove_option,
        name="remove_option",
    ),
    path(POLLS + "<int:pk>/invite/", views.invite, name="invite"),
    path(POLLS + "<int:pk>/pick/", views.pick, name="pick"),
    path("polls/answer/<str:token>/", voter_views.vote, name="vote"),
    path("polls/s/<str:key>/", voter_views.join, name="join"),
]
