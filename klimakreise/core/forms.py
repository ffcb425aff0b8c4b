"""Form behaviour every app's forms share."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from klimakreise.core import text


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


class CleanTextMixin:
    """Every field of the form follows the one text rule (core.text): a field with a Textarea
    widget, or named in `multiline_fields`, is multi-line; every other field is a single line.

    The rule is checked on what was sent, before a field cleans it: a NUL sent to a choice field
    would otherwise reach a database query (PostgreSQL refuses it with an error), and a lone
    surrogate shown back in the page could not be encoded. Such characters are replaced by U+FFFD
    in the data shown back, and the field gets the rule's error.
    """

    multiline_fields: tuple[str, ...] = ()

    def full_clean(self):
        problems = self._text_problems() if self.is_bound else {}
        if problems:
            self.data = _displayable_data(self.data)
        super().full_clean()
        for name, problem in problems.items():
            self.add_error(name, ValidationError(text.problem_message(problem), code=problem))

    def _text_problems(self) -> dict[str, str]:
        problems = {}
        for name, field in self.fields.items():
            if field.disabled:
                continue
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            multiline = name in self.multiline_fields or isinstance(field.widget, forms.Textarea)
            for item in value if isinstance(value, list | tuple) else [value]:
                problem = isinstance(item, str) and text.text_problem(item, multiline=multiline)
                if problem:
                    problems[name] = problem
                    break
        return problems


def _displayable_data(data):
    if isinstance(data, QueryDict):
        shown = data.copy()
        for key, values in shown.lists():
            shown.setlist(key, [_displayable(v) for v in values])
        return shown
    return {key: _displayable(value) for key, value in data.items()}


def _displayable(value):
    if isinstance(value, str):
        return text.displayable(value)
    if isinstance(value, list | tuple):
        return [_displayable(v) for v in value]
    return value
