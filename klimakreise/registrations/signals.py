"""How registrations take part in what editions does, through the signals editions defines.

Registrations import editions, not the other way round:
- the edition service announces its changes (`editions.services.edition_changed`) and this app
  follows them, so every way of changing an edition that goes through `update_edition` moves
  people up from the waitlist and renews the queued reminders, in the same transaction;
- the public edition page asks for sections (`editions.signals.edition_page_rendering`) and this
  app answers with the sign-up form while registration is open.
"""

from klimakreise.editions.services import edition_changed
from klimakreise.editions.signals import edition_page_rendering
from klimakreise.registrations.services import follow_edition_change
from klimakreise.registrations.views import edition_page_section


def _edition_changed(sender, *, edition, before, **kwargs):
    follow_edition_change(edition=edition, changed=before.keys())


def _edition_page_section(sender, *, request, edition, **kwargs) -> str:
    return edition_page_section(request, edition)


def connect() -> None:
    edition_changed.connect(_edition_changed, dispatch_uid="registrations:edition-changed")
    edition_page_rendering.connect(_edition_page_section, dispatch_uid="registrations:sign-up")
