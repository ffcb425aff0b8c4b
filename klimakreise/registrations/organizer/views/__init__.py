"""Organizer pages for registrations: list, edit, check-in, import, export and messages."""
