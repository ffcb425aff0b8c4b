from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "klimakreise.circles"
    verbose_name = _("Circles")

    def ready(self):
        from klimakreise.circles.models import Circle
        from klimakreise.core.cache import retire_pages_on_change
        from klimakreise.core.nav import ORGANIZER_TOOLS, EditionLink, register_organizer_tool

        retire_pages_on_change(Circle)
        if not any(link.url_name == "circles:assignment" for link in ORGANIZER_TOOLS):
            register_organizer_tool(
                EditionLink(
                    _("Circle assignment"),
                    "circles:assignment",
                    order=40,
                )
            )
