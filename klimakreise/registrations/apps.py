from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "klimakreise.registrations"
    verbose_name = _("Registrations")

    def ready(self):
        # Receivers are connected once the app registry is ready, as Django asks: their modules
        # import models, which cannot be imported while apps.py itself is being loaded.
        from klimakreise.registrations import signals

        signals.connect()
