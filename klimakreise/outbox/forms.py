from django import forms
from django.utils.translation import gettext_lazy as _

from klimakreise.core.forms import CleanTextMixin
from klimakreise.outbox.models import OutboxEmail


class StatusFilterForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all"))] + list(OutboxEmail.Status.choices),
    )
