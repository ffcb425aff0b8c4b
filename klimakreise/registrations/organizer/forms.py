"""Forms of the organizer pages: list filters, manual registrations, import, messages."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klimakreise.core.forms import CleanTextMixin
from klimakreise.registrations.forms import RegistrationForm
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.recipients import REGISTRANTS, audiences, list_filters
from klimakreise.registrations.organizer.services import (
    PLAIN_FIELDS,
    EmailChoice,
    edit_fingerprint,
)

ACTIVE = ""  # the default status filter: everyone who has not cancelled
ANY_STATUS = "any"


class RegistrationFilterForm(CleanTextMixin, forms.Form):
    """Filters shared by the list, the exports, the attendance list and messages (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(ACTIVE, _("all except cancelled")), (ANY_STATUS, _("all, also cancelled"))]
        + list(Registration.Status.choices),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=None, required=False, to_field_name="slug"
    )
    topic = forms.ModelChoiceField(
        label=_("Topic wish (any rank)"), queryset=None, required=False, to_field_name="slug"
    )
    role = forms.ChoiceField(
        label=_("Role wish"),
        required=False,
        choices=[("", _("any")), ("moderate", _("can moderate")), ("notes", _("can take notes"))],
    )
    checked_in = forms.ChoiceField(
        label=_("Checked in"),
        required=False,
        choices=[("", _("any")), ("yes", _("checked in")), ("no", _("not checked in"))],
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = edition.series.sectors.all()
        self.fields["topic"].queryset = edition.topics.all()
        self.fields["sector"].empty_label = _("all sectors")
        self.fields["topic"].empty_label = _("all topics")
        # Filters of higher apps (the circle), asked for through a signal.
        self.extra_filters = list_filters(edition)
        for extra in self.extra_filters:
            self.fields[extra.name] = forms.ChoiceField(
                label=extra.label, required=False, choices=extra.choices
            )

    def filter(self, queryset):
        """Apply the filters. An invalid one selects nobody (and is shown as an error): ignoring
        it would widen a message or an export to people the organizer did not mean."""
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        status = data.get("status", ACTIVE)
        if status == ACTIVE:
            queryset = queryset.exclude(status=Registration.Status.CANCELLED)
        elif status != ANY_STATUS:
            queryset = queryset.filter(status=status)
        if search := data.get("q"):
            queryset = queryset.filter(
                Q(name__icontains=search)
                | Q(email__icontains=search)
                | Q(organization_name__icontains=search)
            )
        if data.get("sector"):
            queryset = queryset.filter(sector=data["sector"])
        if data.get("topic"):  # a topic appears at most once per registration: no duplicates
            queryset = queryset.filter(preferences__topic=data["topic"])
        if data.get("role") == "moderate":
            queryset = queryset.filter(can_moderate=True)
        elif data.get("role") == "notes":
            queryset = queryset.filter(can_take_notes=True)
        if data.get("checked_in"):
            queryset = queryset.filter(checked_in_at__isnull=data["checked_in"] == "no")
        for extra in self.extra_filters:
            if data.get(extra.name):
                queryset = extra.apply(queryset, data[extra.name])
        return queryset


class MessageRecipientsForm(RegistrationFilterForm):
    """The list's filters plus whom to write to: the registrants they select, or a group another
    app offers (the moderators of the circles), in which case the filters do not apply."""

    to = forms.ChoiceField(label=_("Write to"), required=False)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, edition=edition, **kwargs)
        self.groups = audiences(edition)
        self.fields["to"].choices = [(REGISTRANTS, _("the registrants the filters select"))] + [
            (key, label) for key, (label, _people) in self.groups.items()
        ]
        self.order_fields(["to"])

    def audience(self) -> str:
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        return data.get("to") or REGISTRANTS

    def group_label(self) -> str:
        """The name of the chosen group, empty when writing to the filtered registrants."""
        label, _people = self.groups.get(self.audience(), ("", []))
        return label


class OrganizerRegistrationForm(RegistrationForm):
    """The public registration form's fields and checks, for organizers entering someone by hand.

    Consent is recorded "by organizer" (no checkbox); adding asks which email to send; editing
    carries a fingerprint of what was shown, so concurrent edits are noticed, not overwritten.
    """

    LABELS = {
        "email": _("Email address"),
        "can_moderate": _("Can moderate a circle"),
        "can_take_notes": _("Can take notes in a circle"),
        "joins_get_together": _("Joins the get-together"),
        "public_listing": _("May be listed by name on public pages"),
        "newsletter": _("Wants the newsletter"),
    }

    def __init__(self, *args, edition, registration=None, wishes_locked=False, **kwargs):
        super().__init__(*args, edition=edition, **kwargs)
        del self.fields["consent_privacy"]
        for name, label in self.LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        self.fields["email"].help_text = ""
        self.fields["accessibility_needs"].help_text = ""
        if registration is None:
            self.fields["emails"] = forms.ChoiceField(
                label=_("Email to the person"),
                choices=EmailChoice.choices,
                initial=EmailChoice.NONE,
                widget=forms.RadioSelect,
            )
        else:
            self.fields["fingerprint"] = forms.CharField(widget=forms.HiddenInput)
            self._fill_initial(registration)
        for name in self.rank_fields:
            self.fields[name].disabled = wishes_locked

    def _fill_initial(self, registration):
        wishes = [wish.topic.slug for wish in registration.preferences.all()]
        self.initial.update(
            {
                "name": registration.name,
                "email": registration.email,
                "organization": registration.organization_name,
                "sector": registration.sector.slug,
                "fingerprint": edit_fingerprint(registration),
                **dict(zip(self.rank_fields, wishes, strict=False)),
                **{name: getattr(registration, name) for name in PLAIN_FIELDS},
            }
        )

    def clean(self):
        cleaned = super().clean()
        cleaned["consent_privacy"] = True  # recorded by the organizer (see organizer.services)
        return cleaned


class ImportUploadForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        help_text=_("The first row must hold the column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding of a CSV file"),
        choices=[("utf-8", _("UTF-8 (most tools)")), ("cp1252", _("Windows-1252 (older Excel)"))],
        initial="utf-8",
    )


class ColumnMappingForm(CleanTextMixin, forms.Form):
    """One select per field of a registration, listing the file's columns; guesses preselected."""

    def __init__(self, *args, headers, fields, guesses, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", _("— not in the file —"))] + [
            (str(index), header or _("Column %(number)d") % {"number": index + 1})
            for index, header in enumerate(headers)
        ]
        self.import_fields = fields
        for field in fields:
            self.fields[field.key] = forms.ChoiceField(
                label=field.label,
                choices=columns,
                required=field.required,
                initial=str(guesses[field.key]) if field.key in guesses else "",
                error_messages={"required": _("Please choose the column that holds this.")},
            )
        self.fields["emails"] = forms.ChoiceField(
            label=_("Emails to the imported people"),
            choices=EmailChoice.choices,
            initial=EmailChoice.NONE,
            widget=forms.RadioSelect,
        )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "The people in this file agreed to the privacy notice (e.g. in the earlier "
                "form); their consent is recorded as given by the organizers."
            ),
            error_messages={"required": _("Please confirm that the people agreed.")},
        )

    def clean(self):
        cleaned = super().clean()
        used = {}
        for field in self.import_fields:
            column = cleaned.get(field.key)
            if not column:
                continue
            if column in used:
                self.add_error(
                    field.key,
                    _("This column is already chosen for “%(field)s”.") % {"field": used[column]},
                )
            used.setdefault(column, field.label)
        return cleaned

    def mapping(self) -> dict[str, int]:
        return {
            field.key: int(self.cleaned_data[field.key])
            for field in self.import_fields
            if self.cleaned_data.get(field.key)
        }


class MessageForm(CleanTextMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text. {name} becomes the person's name; {personal_link} becomes their "
            "personal link (to see, change or cancel their registration)."
        ),
    )
    # Made when the form is first shown; one key per message makes a double submit harmless.
    message_id = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
