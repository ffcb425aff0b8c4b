"""System checks that catch configuration mistakes at start, before a user meets them."""

import zoneinfo

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.module_loading import import_string

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
    problems += [Error(problem, id="klimakreise.E005") for problem in _scheduled_job_problems()]
    problems += [Error(problem, id="klimakreise.E006") for problem in _video_room_problems()]
    return problems


def _video_room_problems() -> list[str]:
    """BigBlueButton needs its URL and its secret; one without the other is a typo, not a choice."""
    bbb_url, secret = settings.BBB_URL.strip(), settings.BBB_SECRET.strip()
    if bool(bbb_url) != bool(secret):
        return ["Set both BBB_URL and BBB_SECRET for BigBlueButton rooms, or neither."]
    problems = []
    for name, url in (("BBB_URL", bbb_url), ("JITSI_URL", settings.JITSI_URL.strip())):
        if url and not url.startswith(("https://", "http://")):
            problems.append(f"{name} must start with https:// (or http://), not {url!r}.")
    if not settings.JITSI_URL.strip() and not bbb_url:
        problems.append("JITSI_URL is empty and no BigBlueButton server is set.")
    return problems


def _scheduled_job_problems() -> list[str]:
    problems = []
    for name, path, seconds in settings.SCHEDULED_JOBS:
        try:
            import_string(path)
        except ImportError:
            problems.append(f"Scheduled job {name!r}: {path!r} cannot be imported.")
        if not isinstance(seconds, int) or seconds <= 0:
            problems.append(f"Scheduled job {name!r} must run every positive number of seconds.")
    return problems


def _known_time_zones() -> set[str]:
    return zoneinfo.available_timezones()
