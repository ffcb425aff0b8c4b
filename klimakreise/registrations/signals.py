"""Registrations follow changes organizers make to their edition.

Registrations import editions, not the other way round, so the edition service announces its
changes (editions.services.edition_changed) and this app listens, instead of the back-office
view calling into registrations: every way of changing an edition that goes through
update_edition then moves people up from the waitlist and renews the queued reminders, inside
the same transaction.
"""


def _edition_changed(sender, *, edition, before, **kwargs):
    from klimakreise.registrations.services import follow_edition_change

    follow_edition_change(edition=edition, changed=before.keys())


def connect() -> None:
    from klimakreise.editions.services import edition_changed

    edition_changed.connect(_edition_changed, dispatch_uid="registrations:edition-changed")
