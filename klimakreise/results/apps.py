from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "klimakreise.results"
    verbose_name = _("Results")

    def ready(self):
        from klimakreise.core import nav
        from klimakreise.core.cache import retire_pages_on_change
        from klimakreise.results import signals
        from klimakreise.results.models import Documentation
        from klimakreise.results.publication import is_published

        retire_pages_on_change(Documentation)
        signals.connect()
        nav.register_organizer_tool(
            nav.EditionLink(label=_("Results and publication"), url_name="results:review", order=70)
        )
        nav.register_public_action(
            nav.EditionLink(
                label=_("Results"), url_name="results:page", visible=is_published, order=20
            )
        )
        nav.register_public_action(
            nav.EditionLink(
                label=_("Add to calendar"),
                url_name="results:calendar",
                visible=lambda edition: not edition.is_past,
                order=30,
            )
        )
