from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "klimakreise.results"
    verbose_name = _("Results")

    def ready(self):
        # Connected once the app registry is ready, as Django asks: the modules import models,
        # which cannot be imported while apps.py itself is being loaded.
        from klimakreise.results import signals

        signals.connect()
