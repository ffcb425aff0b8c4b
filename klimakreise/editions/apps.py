from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "klimakreise.editions"
    verbose_name = _("Series and editions")

    def ready(self):
        # Connected once the app registry is ready, as Django asks: the modules import models,
        # which cannot be imported while apps.py itself is being loaded.
        from klimakreise.core.cache import retire_pages_on_change
        from klimakreise.editions import models
        from klimakreise.organizations.models import Organization, Sector

        retire_pages_on_change(
            models.Series,
            models.Edition,
            models.AgendaItem,
            models.Topic,
            models.Partner,
            models.Attachment,
            models.Documentation,
            Organization,
            Sector,
        )
