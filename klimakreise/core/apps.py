from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(**kwargs):
    # The database cache is the default shared cache; its table is not a migration.
    from django.conf import settings
    from django.core.management import call_command

    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class CoreConfig(AppConfig):
    name = "klimakreise.core"
    verbose_name = _("Klimakreise")

    def ready(self):
        from klimakreise.core import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_create_cache_table, sender=self)
