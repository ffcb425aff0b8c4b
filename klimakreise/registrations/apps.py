from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "klimakreise.registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from klimakreise.core.nav import EditionLink, register_public_action
        from klimakreise.editions.views import register_edition_page_section
        from klimakreise.outbox.jobs import register_job
        from klimakreise.registrations import signals
        from klimakreise.registrations.locks import is_registration_open
        from klimakreise.registrations.organizer_nav import register_organizer_links
        from klimakreise.registrations.services import expire_unconfirmed

        register_public_action(
            EditionLink(
                label=_("Register"),
                url_name="registrations:register",
                visible=is_registration_open,
                order=10,
            )
        )
        from klimakreise.registrations.views import edition_page_section

        register_edition_page_section(edition_page_section)
        register_organizer_links()
        signals.connect()
        register_job("expire_registrations", expire_unconfirmed, every=timedelta(hours=1))
