"""Organizer pages for registrations, mounted under /manage/e/<slug>/registrations/."""

from django.urls import path

from klimakreise.registrations.organizer.views import checkin, editing, imports, listing, messages

app_name = "registrations_organizer"

PREFIX = ""

urlpatterns = [
    path(PREFIX, listing.registration_list, name="list"),
    path(PREFIX + "export.csv", listing.export_csv, name="export_csv"),
    path(PREFIX + "export.xlsx", listing.export_xlsx, name="export_xlsx"),
    path(PREFIX + "add/", editing.add_registration_view, name="add"),
    path(PREFIX + "<int:pk>/", editing.edit_registration, name="edit"),
    path(PREFIX + "<int:pk>/cancel/", editing.cancel, name="cancel"),
    path(PREFIX + "<int:pk>/confirm/", editing.confirm, name="confirm"),
    path(PREFIX + "check-in/", checkin.attendance_list, name="checkin"),
    path(PREFIX + "<int:pk>/check-in/", checkin.set_checkin, name="set_checkin"),
    path(PREFIX + "import/", imports.upload, name="import"),
    path(PREFIX + "import/<str:token>/columns/", imports.map_columns, name="import_columns"),
    path(PREFIX + "import/<str:token>/report/", imports.report, name="import_report"),
    path(PREFIX + "message/", messages.compose, name="message"),
]
