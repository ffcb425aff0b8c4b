from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "klimakreise.outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from klimakreise.core.nav import EditionLink, register_organizer_tool
        from klimakreise.outbox.jobs import register_job
        from klimakreise.outbox.retention import apply_retention

        register_organizer_tool(EditionLink(_("Email outbox"), "outbox:edition", order=80))
        register_job("anonymize_registrations", apply_retention, every=timedelta(days=1))
