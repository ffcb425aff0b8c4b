from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(**kwargs):
    # Database cache tables are not migrations; createcachetable makes every configured one
    # (the shared cache and the page cache) and skips those that exist.
    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class CoreConfig(AppConfig):
    name = "klimakreise.core"
    verbose_name = _("Klimakreise")

    def ready(self):
        # Imported here, once settings are loaded, as Django asks of modules that register checks.
        from klimakreise.core import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_create_cache_table, sender=self)
