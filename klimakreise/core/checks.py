"""System checks that catch configuration mistakes at start, before a user meets them."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from klimakreise.core.switches import parse_switch


@register()
def check_configuration(app_configs, **kwargs):
    problems = []
    engine = settings.DATABASES["default"]["ENGINE"]
    if not engine.endswith(("sqlite3", "postgresql")):
        problems.append(
            Error(
                f"DATABASE_URL points to {engine}; Klimakreise supports SQLite and PostgreSQL.",
                id="klimakreise.E001",
            )
        )
    if settings.TIME_ZONE not in _known_time_zones():
        problems.append(
            Error(
                f"TIME_ZONE {settings.TIME_ZONE!r} is not a known time zone.", id="klimakreise.E002"
            )
        )
    if not settings.DEBUG and settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            Warning(
                "EMAIL_URL sends mail to the console although DEBUG is off.",
                hint="Set EMAIL_URL to your SMTP server, e.g. smtp+tls://user:pass@host:587.",
                id="klimakreise.W001",
            )
        )
    if parse_switch(settings.DATABASE_PREPARED_STATEMENTS) is None:
        problems.append(
            Error(
                "DATABASE_PREPARED_STATEMENTS must be true or false, "
                f"not {settings.DATABASE_PREPARED_STATEMENTS.strip()!r}.",
                id="klimakreise.E004",
            )
        )
    if settings.TRUSTED_PROXY_COUNT < 0:
        problems.append(Error("TRUSTED_PROXY_COUNT must be 0 or more.", id="klimakreise.E003"))
    return problems


def _known_time_zones() -> set[str]:
    import zoneinfo

    return zoneinfo.available_timezones()
