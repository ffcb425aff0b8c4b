"""Attachments in the back office; what a file is comes from editions.uploads."""

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import ScopedModelForm
from klimakreise.editions.models import Attachment
from klimakreise.editions.uploads import ACCEPT, checked_content_type


class AttachmentForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Attachment
        fields = ["title", "file", "agenda_item", "circle"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ACCEPT
        self.fields["agenda_item"].queryset = self.parent.agenda_items.all()
        self.fields["circle"].queryset = self.parent.circles.select_related("topic")
        self.sniffed_type = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or upload is False or not hasattr(upload, "content_type"):
            return upload  # no new upload: the stored file stays
        self.sniffed_type = checked_content_type(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agenda_item") and cleaned.get("circle"):
            self.add_error("circle", messages.ONE_TARGET)
        return cleaned

    def save(self, commit=True):
        if self.sniffed_type:
            self.instance.content_type = self.sniffed_type
            self.instance.size = self.cleaned_data["file"].size
        return super().save(commit=commit)
