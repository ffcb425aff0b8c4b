from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import AccessibleErrorsMixin, ScopedModelForm
from klimakreise.editions.models import Series
from klimakreise.organizations.models import Organization, Sector


class SeriesForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "slug", "description"]
        error_messages = {"slug": {"unique": messages.SERIES_SLUG_TAKEN}}


class TeamMemberForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(label=_("Email address of the new organizer"))

    def __init__(self, *args, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(messages.NO_SUCH_USER)
        if self.series.organizers.filter(pk=user.pk).exists():
            raise forms.ValidationError(messages.ALREADY_ORGANIZER)
        self.user = user
        return email


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
        fields = ["name", "sector", "website", "is_alliance_member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = self.parent.sectors.all()

    def clean(self):
        cleaned = super().clean()
        self.check_unique("name", messages.ORGANIZATION_NAME_TAKEN)
        return cleaned
