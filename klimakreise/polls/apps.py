from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "klimakreise.polls"
    verbose_name = _("Date polls")

    def ready(self):
        # Connected once the app registry is ready, as Django asks: the modules import models,
        # which cannot be imported while apps.py itself is being loaded.
        from klimakreise.polls import receivers

        receivers.connect()
