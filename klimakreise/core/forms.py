"""Form behaviour every app's forms share."""


class AccessibleErrorsMixin:
    """Point each invalid input at its message, so screen readers announce it with the field
    (core/_form.html renders the `<id>_error` element)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                bound.field.widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{bound.auto_id}_error"}
                )
