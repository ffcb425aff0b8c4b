from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "klimakreise.circles"
    verbose_name = _("Circles")

    def ready(self):
        from klimakreise.circles.models import Circle
        from klimakreise.core.cache import retire_pages_on_change

        retire_pages_on_change(Circle)
