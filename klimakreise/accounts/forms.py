from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailLoginForm(AuthenticationForm):
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
