"""What organizers do with an edition's registrations: list, edit, check in, import, export and
write to them. Its pages live below /manage/e/<slug>/registrations/ (URL names
registrations_organizer:*)."""
