from django import forms
from django.core.validators import MinValueValidator
from django.db import models

from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin

# What <input type="datetime-local"> sends and expects; Django reads it in the current time zone
# (settings.TIME_ZONE, the edition's zone) and renders stored values converted back into it.
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL_FORMAT)


def backoffice_formfield(db_field, **kwargs):
    if isinstance(db_field, models.DateTimeField):
        kwargs["widget"] = DateTimeLocalInput
    elif isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # what people mean when they type "jitsi.org/room"
    return db_field.formfield(**kwargs)


def require_at_least(field: forms.IntegerField, minimum: int) -> None:
    """Tighten a model's PositiveIntegerField (which allows 0) to the constraint's minimum."""
    field.min_value = minimum
    field.validators.append(MinValueValidator(minimum))
    field.widget.attrs["min"] = minimum


class ScopedModelForm(AccessibleErrorsMixin, CleanTextMixin, forms.ModelForm):
    """A form for an object that lives under a parent: an edition or a series.

    The parent is set on the instance before validation, so the checks below can look at
    siblings. The database constraints that involve the parent are skipped by Django's own
    validation (the parent is not a form field); each form repeats them as field errors.
    """

    parent_field = "edition"

    class Meta:
        formfield_callback = backoffice_formfield

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        setattr(self.instance, self.parent_field, parent)

    def siblings(self):
        """The other objects under the same parent (not the one being edited)."""
        objects = self._meta.model.objects.filter(**{self.parent_field: self.parent})
        return objects.exclude(pk=self.instance.pk) if self.instance.pk else objects

    def check_unique(self, field: str, message, together=()) -> None:
        """Add `message` to `field` when a sibling already has the same cleaned value(s)."""
        values = {name: self.cleaned_data.get(name) for name in (field, *together)}
        if any(value in (None, "") for value in values.values()):
            return
        if self.siblings().filter(**values).exists():
            self.add_error(field, message)
