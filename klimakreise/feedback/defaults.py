"""The questionnaire every survey starts from, worded in the language of whoever creates it."""

from django.utils.translation import gettext as _

from klimakreise.feedback.models import Question


def default_questions() -> list[dict]:
    """The fields of each default question, in order (positions are given when saving)."""
    return [
        {
            "text": _("How do you rate the event overall?"),
            "kind": Question.Kind.SCALE,
            "required": True,
        },
        {
            "text": _("How do you rate your own circle?"),
            "kind": Question.Kind.SCALE,
            "rates_own_circle": True,
        },
        {"text": _("What should we keep?"), "kind": Question.Kind.TEXT},
        {"text": _("What should we change?"), "kind": Question.Kind.TEXT},
        {
            "text": _("Would you come again?"),
            "kind": Question.Kind.CHOICE,
            "options": [_("Yes"), _("Maybe"), _("No")],
        },
        {
            "text": _("How did you hear about the event?"),
            "kind": Question.Kind.MULTIPLE,
            "options": [
                _("Newsletter"),
                _("Website"),
                _("Social media"),
                _("Colleagues or friends"),
                _("Press"),
                _("Other"),
            ],
        },
    ]
