from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from klimakreise.accounts import emails
from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin


class EmailLoginForm(CleanTextMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _(
            "Email address or password is wrong, or there were too many failed attempts. "
            "Please wait a few minutes and try again."
        ),
        "inactive": _("This account is inactive."),
    }


class OutboxPasswordResetForm(AccessibleErrorsMixin, CleanTextMixin, PasswordResetForm):
    """Django's reset form, but the email is queued in the outbox (in the page's language).

    Like Django's, it answers the same whether or not the address has an account. Unlike
    Django's, an account without a usable password that never signed in is included: an invited
    organizer whose invitation link expired gets a fresh one here. An account whose password an
    administrator switched off after it had been used stays switched off.
    """

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return [u for u in users if u.has_usable_password() or u.last_login is None]

    def save(self, **kwargs):
        """Queue one reset email per matching account; the options of Django's save() (domain,
        templates, sender) do not apply: links use SITE_URL, templates are accounts/email/."""
        language = translation.get_language()
        for user in self.get_users(self.cleaned_data["email"]):
            emails.send_password_reset(user=user, language=language)


class AccessibleSetPasswordForm(AccessibleErrorsMixin, CleanTextMixin, SetPasswordForm):
    pass


class AccessiblePasswordChangeForm(AccessibleErrorsMixin, CleanTextMixin, PasswordChangeForm):
    pass
