from django.urls import path

from klimakreise.registrations import views

app_name = "registrations"
urlpatterns = [
    path("e/<slug:slug>/register/", views.register, name="register"),
    path("e/<slug:slug>/register/sent/", views.register_sent, name="register_sent"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("r/<str:token>/", views.personal, name="personal"),
    path("r/<str:token>/confirm/", views.confirm, name="confirm"),
    path("r/<str:token>/wishes/", views.change_wishes, name="change_wishes"),
    path("r/<str:token>/cancel/", views.cancel, name="cancel"),
    path("r/<str:token>/data.json", views.export_data, name="export"),
    path("r/<str:token>/delete/", views.delete, name="delete"),
]
