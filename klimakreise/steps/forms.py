from django import forms
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card
from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.core.text import has_web_address
from klimakreise.steps.models import NOTE_MAX_LENGTH


class StepUpdateForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """A new status with a short note; `version` is the card as the person saw it."""

    status = forms.ChoiceField(label=_("Status"), choices=Card.Status.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, at most 500 characters. It is shown publicly with its date."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OwnerForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """Who updates the step through a personal link."""

    registration = forms.ModelChoiceField(
        label=_("Participant"), queryset=None, required=False, empty_label=_("nobody")
    )
    contact_name = forms.CharField(label=_("or a contact: name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact's email address"), required=False)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations

    def clean_contact_name(self):
        name = self.cleaned_data["contact_name"]
        if has_web_address(name):
            raise forms.ValidationError(_("Please enter the contact's name without a web address."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("registration") and data.get("contact_email"):
            self.add_error("contact_email", _("Choose a participant or enter a contact, not both."))
        if data.get("contact_name") and not data.get("contact_email"):
            self.add_error("contact_email", _("A contact needs an email address."))
        if data.get("contact_email") and not data.get("contact_name"):
            # The emails greet the contact by name, and the page says who looks after the step.
            self.add_error("contact_name", _("A contact needs a name."))
        return data


class StepFilterForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """The filters of the series' step list (a GET form)."""

    edition = forms.ChoiceField(label=_("Edition"), required=False)
    circle = forms.TypedChoiceField(label=_("Circle"), required=False, coerce=int)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *Card.Status.choices]
    )
    overdue = forms.BooleanField(label=_("only overdue"), required=False)

    def __init__(self, *args, editions, circles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [("", _("any")), *editions]
        self.fields["circle"].choices = [("", _("any")), *circles]
