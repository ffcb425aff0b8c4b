from django import forms
from django.utils.translation import gettext_lazy as _

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import ScopedModelForm, require_at_least
from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.editions.models import Edition


class EditionForm(ScopedModelForm):
    parent_field = "series"

    class Meta(ScopedModelForm.Meta):
        model = Edition
        fields = [
            "number", "title", "slug", "start", "end", "format", "venue", "online_room_url",
            "get_together_start", "get_together_place", "registration_opens_at",
            "registration_closes_at", "capacity", "preference_ranks", "intro", "previous",
        ]  # fmt: skip
        error_messages = {"slug": {"unique": messages.EDITION_SLUG_TAKEN}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "preference_ranks" in self.fields:
            require_at_least(self.fields["preference_ranks"], 1)
        if "previous" in self.fields:
            self.fields["previous"].queryset = self.siblings().order_by("-start")

    def clean(self):
        cleaned = super().clean()
        self.check_unique("number", messages.EDITION_NUMBER_TAKEN)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", messages.END_AFTER_START)
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", messages.REGISTRATION_WINDOW)
        get_together = cleaned.get("get_together_start")
        if start and get_together and get_together < start:
            self.add_error("get_together_start", messages.GET_TOGETHER_EARLY)
        return cleaned


class CloneForm(EditionForm):
    """The few things that differ for the next edition; the rest is copied by clone_edition."""

    class Meta(EditionForm.Meta):
        fields = ["number", "title", "slug", "start", "end"]


class StatusForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Edition.Status.choices)
