"""The organizer tools this app adds to an edition's back-office page."""

from django.utils.translation import gettext_lazy as _

from klimakreise.core.nav import ORGANIZER_TOOLS, EditionLink, register_organizer_tool

LINKS = (
    EditionLink(_("Registrations"), "registrations_organizer:list", order=20),
    EditionLink(_("Check-in"), "registrations_organizer:checkin", order=30),
)


def register_organizer_links() -> None:
    """Called from RegistrationsConfig.ready(); calling it twice adds nothing twice."""
    known = {link.url_name for link in ORGANIZER_TOOLS}
    for link in LINKS:
        if link.url_name not in known:
            register_organizer_tool(link)
