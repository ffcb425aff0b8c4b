"""Attachments in the back office; what a file is comes from editions.uploads."""

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import ScopedModelForm
from klimakreise.editions.models import Attachment
from klimakreise.editions.previews import store_preview
from klimakreise.editions.uploads import ACCEPT, checked_upload


class AttachmentForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Attachment
        fields = ["title", "file", "agenda_item", "circle"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ACCEPT
        self.fields["agenda_item"].queryset = self.parent.agenda_items.all()
        self.fields["circle"].queryset = self.parent.circles.select_related("topic")
        self.checked = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or upload is False or not hasattr(upload, "content_type"):
            return upload  # no new upload: the stored file stays
        self.checked = checked_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agenda_item") and cleaned.get("circle"):
            self.add_error("circle", messages.ONE_TARGET)
        return cleaned

    def save(self, commit=True):
        if self.checked:
            self.instance.content_type = self.checked.content_type
            self.instance.size = self.cleaned_data["file"].size
        attachment = super().save(commit=commit)
        if commit and self.checked:
            # The preview made by the check, kept with the new file (or none for an image);
            # without commit the worker makes it later (editions.previews).
            store_preview(attachment=attachment, png=self.checked.preview)
        return attachment
