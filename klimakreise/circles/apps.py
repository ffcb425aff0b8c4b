from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "klimakreise.circles"
    verbose_name = _("Circles")

    def ready(self):
        # Connected once the app registry is ready, as Django asks: the modules import models,
        # which cannot be imported while apps.py itself is being loaded.
        from klimakreise.circles import receivers
        from klimakreise.circles.models import Circle
        from klimakreise.core.cache import retire_pages_on_change

        retire_pages_on_change(Circle)
        receivers.connect()
