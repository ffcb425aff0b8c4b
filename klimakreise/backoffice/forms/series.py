from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import ScopedModelForm
from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.editions.models import Series
from klimakreise.organizations.models import Organization, Sector


class SeriesForm(AccessibleErrorsMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "slug", "description", "time_zone"]
        error_messages = {"slug": {"unique": messages.SERIES_SLUG_TAKEN}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].required = False

    def clean_time_zone(self):
        # Left empty, an existing series keeps its zone and a new one gets the site's.
        return self.cleaned_data["time_zone"] or self.initial.get("time_zone") or settings.TIME_ZONE


# Messages of the team form (asserted by the tests).
NAME_NEEDED = _("Please enter the name: there is no account with this address yet.")
ACCOUNT_INACTIVE = _(
    "The account with this address is deactivated. An administrator can reactivate it."
)


class TeamMemberForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """Invite a person to a series' team by email address.

    An existing account is added as it is; for an unknown address the name is needed, and the
    account is created on saving (see backoffice.services.invite_series_organizer).
    """

    email = forms.EmailField(label=_("Email address of the new organizer"), max_length=254)
    name = forms.CharField(
        label=_("Name"),
        max_length=get_user_model()._meta.get_field("name").max_length,
        required=False,
        help_text=_("Needed only when the person has no account yet."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        self.user = None  # the existing account, if there is one

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None and not user.is_active:
            raise forms.ValidationError(ACCOUNT_INACTIVE)
        # A member who has not chosen a password yet may be invited again (a fresh link);
        # anyone else in the team already is refused, so nothing happens twice.
        in_team = user is not None and self.series.organizers.filter(pk=user.pk).exists()
        if in_team and user.has_usable_password():
            raise forms.ValidationError(messages.ALREADY_ORGANIZER)
        self.user = user
        return email

    def clean(self):
        cleaned = super().clean()
        if "email" in cleaned and self.user is None and not cleaned.get("name"):
            self.add_error("name", NAME_NEEDED)
        return cleaned


class SectorForm(ScopedModelForm):
    parent_field = "series"

    class Meta(ScopedModelForm.Meta):
        model = Sector
        fields = ["title", "slug", "position"]

    def clean(self):
        cleaned = super().clean()
        self.check_unique("slug", messages.SECTOR_SLUG_TAKEN)
        return cleaned


class OrganizationForm(ScopedModelForm):
    parent_field = "series"

    class Meta(ScopedModelForm.Meta):
        model = Organization
        fields = ["name", "sector", "kind", "website", "is_alliance_member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = self.parent.sectors.all()

    def clean(self):
        cleaned = super().clean()
        self.check_unique("name", messages.ORGANIZATION_NAME_TAKEN)
        return cleaned
