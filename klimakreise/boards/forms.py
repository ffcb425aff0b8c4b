from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import STACK_TITLE_MAX, BoardSettings, Card
from klimakreise.boards.services.facilitation import BROADCAST_MAX, TIMER_MINUTES
from klimakreise.boards.services.votes import MAX_DOTS_PER_PERSON
from klimakreise.core.forms import CleanTextMixin
from klimakreise.editions.uploads import ACCEPT, checked_upload


class CardContentForm(CleanTextMixin, forms.Form):
    """What a card says. Responsible, due date and status matter for next steps."""

    text = forms.CharField(
        label=_("Text"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = forms.CharField(
        label=_("Responsible person or organization"), max_length=200, required=False
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Card.Status.choices, initial=Card.Status.OPEN, required=False
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a text for the card."))
        return text

    def clean_status(self):
        return self.cleaned_data["status"] or Card.Status.OPEN


class AddCardForm(CardContentForm):
    column = forms.ChoiceField(label=_("Column"), choices=Card.Column.choices)

    field_order = ["column", "text", "responsible", "due_date", "status"]


class EditCardForm(CardContentForm):
    """The content, the version it was based on, and that version's values as the person saw
    them (`seen_…`, hidden): after a conflict they tell what the person changed themselves."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    seen_text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    seen_responsible = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    seen_due_date = forms.CharField(widget=forms.HiddenInput, required=False)
    seen_status = forms.CharField(widget=forms.HiddenInput, required=False)
    seen_column = forms.CharField(widget=forms.HiddenInput, required=False)

    SEEN = ("text", "responsible", "due_date", "status", "column")
    multiline_fields = ("seen_text",)

    @classmethod
    def seen_values(cls, card) -> dict:
        """The hidden `seen_…` values for a card as it is stored now."""
        due = card.due_date.isoformat() if card.due_date else ""
        values = {
            "text": card.text,
            "responsible": card.responsible,
            "due_date": due,
            "status": card.status,
            "column": card.column,
        }
        return {f"seen_{name}": value for name, value in values.items()}

    def content_and_version(self) -> dict:
        """What `services.edit_card` saves: the content and the version it is based on."""
        names = ("text", "responsible", "due_date", "status", "version")
        return {name: self.cleaned_data[name] for name in names}

    def seen(self) -> dict | None:
        """What the person saw, or None when the form did not carry it (older pages, scripts)."""
        if "seen_column" not in self.data:
            return None
        return {name: self.cleaned_data.get(f"seen_{name}", "") for name in self.SEEN}


class MoveCardForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(min_value=1)
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)
    column = forms.ChoiceField(label=_("Move to"), choices=Card.Column.choices, required=False)
    # From dragging: the place among the target column's other cards (0: first).
    position = forms.IntegerField(label=_("Position"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if data.get("position") is not None and not data.get("column"):
            raise forms.ValidationError(_("Choose the column to move the card to."))
        if not data.get("direction") and not data.get("column"):
            raise forms.ValidationError(_("Choose a direction or a column to move the card to."))
        return data

    @property
    def offset(self) -> int:
        return {"up": -1, "down": 1}.get(self.cleaned_data.get("direction"), 0)


class VersionForm(CleanTextMixin, forms.Form):
    version = forms.IntegerField(min_value=1)


class StackForm(CleanTextMixin, forms.Form):
    """Stack a card with another card (into its stack, if it has one) or into a stack."""

    version = forms.IntegerField(min_value=1)
    target = forms.RegexField(
        label=_("Stack with"),
        regex=r"^(card|stack)-[0-9]{1,18}$",
        error_messages={"invalid": _("Please choose a card or a stack.")},
    )
    title = forms.CharField(
        label=_("Title of a new stack (optional)"), max_length=STACK_TITLE_MAX, required=False
    )

    @property
    def target_kind_and_id(self) -> tuple[str, int]:
        kind, pk = self.cleaned_data["target"].split("-")
        return kind, int(pk)


class StackTitleForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title of the stack"), max_length=STACK_TITLE_MAX)
    version = forms.IntegerField(min_value=1)


class NotesForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Notes (Markdown)"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 18}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OpenVoteForm(CleanTextMixin, forms.Form):
    dots_per_person = forms.IntegerField(
        label=_("Dots per person"), min_value=1, max_value=MAX_DOTS_PER_PERSON, initial=3
    )


class DotForm(CleanTextMixin, forms.Form):
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")])


class BoardSettingsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = BoardSettings
        fields = ["members_can_edit"]


class SlidesForm(CleanTextMixin, forms.Form):
    """Circle staff add their slides (or another document) to the workspace."""

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = checked_upload(upload)
        return upload


class ConsoleAction(models.TextChoices):
    TIMER = "timer", _("Start the timer")
    STOP_TIMER = "stop_timer", _("Stop the timer")
    BROADCAST = "broadcast", _("Send the message")
    CLEAR_BROADCAST = "clear_broadcast", _("Remove the message")
    PLENARY = "plenary", _("Call everyone back to the plenary")
    HIDE = "hide", _("Hide writing")
    REVEAL = "reveal", _("Reveal the cards")
    OPEN_VOTE = "open_vote", _("Open the dot vote")
    CLOSE_VOTE = "close_vote", _("Close the dot vote")
    LOCK = "lock", _("Lock the board")
    UNLOCK = "unlock", _("Unlock the board")


ALL_CIRCLES = "all"


class ConsoleForm(CleanTextMixin, forms.Form):
    """One facilitation action for all circles or one (`circles` limits what may be chosen)."""

    action = forms.ChoiceField(label=_("Action"), choices=ConsoleAction.choices)
    target = forms.ChoiceField(label=_("Which circles"))
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=TIMER_MINUTES[0], max_value=TIMER_MINUTES[1], required=False
    )
    text = forms.CharField(label=_("Message"), max_length=BROADCAST_MAX, required=False)
    dots_per_person = forms.IntegerField(
        label=_("Dots per person (dot vote)"),
        min_value=1,
        max_value=MAX_DOTS_PER_PERSON,
        required=False,
    )

    def __init__(self, *args, circles, all_allowed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.circles = {str(circle.pk): circle for circle in circles}
        choices = [(ALL_CIRCLES, _("All circles"))] if all_allowed else []
        choices += [(pk, circle.name) for pk, circle in self.circles.items()]
        self.fields["target"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("action") == ConsoleAction.TIMER and data.get("minutes") is None:
            self.add_error("minutes", _("Please enter the minutes for the timer."))
        if data.get("action") == ConsoleAction.BROADCAST and not (data.get("text") or "").strip():
            self.add_error("text", _("Message: please write the message to send."))
        if data.get("action") == ConsoleAction.OPEN_VOTE and data.get("dots_per_person") is None:
            self.add_error(
                "dots_per_person",
                _("Dots per person: please enter how many dots each person may give."),
            )
        target = data.get("target")
        if target == ALL_CIRCLES:
            data["circles"] = list(self.circles.values())
        elif target:
            data["circles"] = [self.circles[target]]
        return data
