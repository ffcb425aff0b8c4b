from django import forms

from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.editions.models import Documentation


class DocumentationForm(AccessibleErrorsMixin, CleanTextMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Documentation
        fields = ["participant_count", "results_intro", "outlook", "next_date"]
        widgets = {"next_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
