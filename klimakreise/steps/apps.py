from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StepsConfig(AppConfig):
    name = "klimakreise.steps"
    verbose_name = _("Next steps")

    def ready(self):
        # Connected once the app registry is ready, as Django asks: the modules import models,
        # which cannot be imported while apps.py itself is being loaded.
        from klimakreise.core.cache import retire_pages_on_change
        from klimakreise.steps import receivers
        from klimakreise.steps.models import StepUpdate

        # A status update shows on the results page, the next edition's page and the API.
        retire_pages_on_change(StepUpdate)
        receivers.connect()
