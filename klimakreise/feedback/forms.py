"""The organizers' forms (survey settings, a new question) and the participants' answer form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.feedback.models import Question, Survey

MAX_OPTIONS = 20
MAX_TEXT = 3000


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SurveySettingsForm(AccessibleErrorsMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["status", "closes_at", "public_link_enabled"]
        widgets = {"closes_at": DateTimeLocalInput}


class QuestionForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For single and multiple choice: one option per line, at least two."),
    )
    scale_min = forms.IntegerField(
        label=_("Scale from"), min_value=0, max_value=9, initial=1, required=False
    )
    scale_max = forms.IntegerField(
        label=_("Scale to"), min_value=1, max_value=10, initial=5, required=False
    )
    required = forms.BooleanField(label=_("Answer required"), required=False)

    def clean_options(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        options = [line for line in lines if line]
        if len(options) > MAX_OPTIONS:
            raise forms.ValidationError(
                _("Give at most %(count)s options."), params={"count": MAX_OPTIONS}
            )
        if any(len(option) > 300 for option in options):
            raise forms.ValidationError(_("An option can be at most 300 characters long."))
        if len({o.casefold() for o in options}) != len(options):
            raise forms.ValidationError(_("Each option can appear only once."))
        return options

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        choice = kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE)
        if choice and "options" in data and len(data["options"]) < 2:
            self.add_error("options", _("A choice question needs at least two options."))
        # Left empty: the usual 1 to 5 (and nothing a choice or text question uses).
        if data.get("scale_min") is None and "scale_min" not in self.errors:
            data["scale_min"] = 1
        if data.get("scale_max") is None and "scale_max" not in self.errors:
            data["scale_max"] = 5
        low, high = data.get("scale_min"), data.get("scale_max")
        if kind == Question.Kind.SCALE and low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The scale must end above its start."))
        return data


class AnswerForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """One field per question, named q<id>; `answers()` gives {question: value}."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _field(question)

    def answers(self) -> dict:
        return {q: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    @staticmethod
    def initial_from(response) -> dict:
        """The form's initial values from a stored response (to change one's answers)."""
        initial = {}
        for answer in response.answers.select_related("question"):
            name, kind = f"q{answer.question_id}", answer.question.kind
            if kind == Question.Kind.TEXT:
                initial[name] = answer.text
            elif kind == Question.Kind.MULTIPLE:
                initial.setdefault(name, []).append(answer.value)
            else:
                initial[name] = answer.value
        return initial


def _field(question):
    options = {"label": question.text, "required": question.required}
    choices = [(v, v) for v in question.values]
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_TEXT, **options
        )
    if question.kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **options
        )
    if question.kind == Question.Kind.SCALE:
        options["help_text"] = _("%(low)s = very poor, %(high)s = very good") % {
            "low": question.scale_min,
            "high": question.scale_max,
        }
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
