"""One function per email to an account holder (organizers, circle staff), each with subject,
text and HTML templates under accounts/email/. All go through the outbox.

Accounts have no language of their own: the caller passes the language of the request that
causes the email (the inviting superuser's, or the one of the person asking for a reset).
"""

import time

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from klimakreise.outbox.services import send_templated_email

# At most one password-reset (or invitation) email per account in this many seconds, so that
# neither a form nor a double click floods someone's mailbox (the first link stays valid).
PASSWORD_RESET_INTERVAL = 15 * 60


def _once_per_interval(kind: str, user) -> str:
    return f"{kind}:{user.pk}:{int(time.time() // PASSWORD_RESET_INTERVAL)}"


def set_password_url(user, *, invitation: bool = False) -> str:
    """An absolute, single-use link to choose a password (Django's reset token: it expires
    after PASSWORD_RESET_TIMEOUT and stops working once the password has changed)."""
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    name = "accounts:invitation" if invitation else "accounts:password_reset_confirm"
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _send(user, template: str, *, language: str, key: str | None = None, context=None):
    context = {
        "user": user,
        "login_url": settings.SITE_URL + reverse("accounts:login"),
        "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)),
        **(context or {}),
    }
    return send_templated_email(
        to=user.email,
        template=f"accounts/email/{template}",
        context=context,
        language=language,
        key=key,
    )


def _series_context(series, invited_by) -> dict:
    return {
        "series": series,
        "series_url": settings.SITE_URL + reverse("backoffice:series", args=[series.slug]),
        "invited_by": invited_by,
    }


def send_invitation(*, user, series, invited_by, language: str):
    """To someone added to a team whose account has no password yet: a link to choose one."""
    context = {
        **_series_context(series, invited_by),
        "set_password_url": set_password_url(user, invitation=True),
    }
    key = _once_per_interval(f"invitation:{series.pk}", user)
    return _send(user, "invitation", language=language, key=key, context=context)


def send_team_notice(*, user, series, invited_by, language: str):
    """To someone with a working account who was added to a team."""
    return _send(
        user, "team_notice", language=language, context=_series_context(series, invited_by)
    )


def send_password_reset(*, user, language: str):
    return _send(
        user,
        "password_reset",
        language=language,
        key=_once_per_interval("password-reset", user),
        context={"set_password_url": set_password_url(user)},
    )
