"""Forms of the assignment pages. Each names the field in its message when input is wrong."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from klimakreise.circles.models import Placement
from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.registrations.models import Registration

MINIMUM_PREFIX = "min_"


class RunForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """Diversity rules (one "at least N per circle" field per sector), time limit and seed."""

    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=1,
        help_text=_("The solver stops after this time and returns the best grouping found."),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text=_("Decides ties between equally good groupings; the same seed, the same result."),
    )
    keep_moves_from = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.sectors = list(sectors)
        limit = self.fields["time_limit"]
        limit.max_value = settings.ASSIGNMENT_MAX_TIME_LIMIT
        # The largest limit is a setting, read per form so tests and deployments can change it.
        limit.validators.append(MaxValueValidator(settings.ASSIGNMENT_MAX_TIME_LIMIT))
        limit.widget.attrs.update(min=1, max=settings.ASSIGNMENT_MAX_TIME_LIMIT)
        limit.initial = settings.ASSIGNMENT_TIME_LIMIT
        for sector in self.sectors:
            self.fields[MINIMUM_PREFIX + sector.slug] = forms.IntegerField(
                label=_("At least … per circle from %(sector)s") % {"sector": sector.title},
                min_value=0,
                max_value=50,
                initial=0,
                required=False,  # empty means 0: no rule for this sector
            )

    def minimum_fields(self):
        return [self[MINIMUM_PREFIX + sector.slug] for sector in self.sectors]

    def other_fields(self):
        return [self["time_limit"], self["seed"]]

    def clean(self):
        cleaned = super().clean()
        known = {MINIMUM_PREFIX + sector.slug for sector in self.sectors}
        unknown = sorted(
            key[len(MINIMUM_PREFIX) :]
            for key in self.data
            if key.startswith(MINIMUM_PREFIX) and key not in known
        )
        if unknown:
            raise forms.ValidationError(
                _("Unknown sector: %(sectors)s.") % {"sectors": ", ".join(unknown)}
            )
        return cleaned

    def minimums(self) -> dict[str, int]:
        return {
            sector.slug: self.cleaned_data[MINIMUM_PREFIX + sector.slug] or 0
            for sector in self.sectors
        }


class PinForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    registration = forms.ModelChoiceField(
        label=_("Person"), queryset=Registration.objects.none(), empty_label=_("Choose a person")
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, empty_label=_("Choose a topic"))

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = Registration.objects.filter(
            edition=edition, status=Registration.Status.REGISTERED
        ).order_by("name", "pk")
        self.fields["topic"].queryset = edition.topics.order_by("position", "pk")


class MoveForm(CleanTextMixin, forms.Form):
    """Move one person of a proposal: `placement` is the row, `target` "topic id:group"."""

    placement = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.ChoiceField(label=_("Move to"))

    def __init__(self, *args, run, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.run = run
        self.fields["target"].choices = targets

    def clean_placement(self):
        placement = (
            Placement.objects.filter(run=self.run, pk=self.cleaned_data["placement"])
            .select_related("topic", "registration")
            .first()
        )
        if placement is None:
            raise forms.ValidationError(_("This person is not part of this proposal."))
        return placement

    def clean(self):
        cleaned = super().clean()
        if "target" in cleaned:
            topic_id, index = (int(part) for part in cleaned["target"].split(":"))
            cleaned["topic"] = self.run.edition.topics.get(pk=topic_id)
            cleaned["index"] = index
        return cleaned


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Reason (optional)"),
            required=False,
            max_length=500,
            help_text=_("Stays in the history; an email to the person quotes it."),
            **kwargs,
        )


class CircleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _circles_of(edition):
    return edition.circles.select_related("topic").order_by("topic__position", "topic_id", "index")


class MemberMoveForm(AccessibleErrorsMixin, forms.Form):
    """Move one member of a locked assignment to another circle."""

    circle = CircleChoiceField(label=_("New circle"), queryset=None)
    reason = ReasonField()

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circle"].queryset = _circles_of(edition)


class MemberAddForm(MemberMoveForm):
    """Give a registered person without a circle one (also: confirm the suggested circle)."""

    registration = forms.ModelChoiceField(
        label=_("Person"), queryset=None, widget=forms.HiddenInput
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, edition=edition, **kwargs)
        self.fields["circle"].label = _("Circle")
        self.fields["registration"].queryset = Registration.objects.filter(
            edition=edition, status=Registration.Status.REGISTERED
        )


class MemberRemoveForm(AccessibleErrorsMixin, forms.Form):
    reason = ReasonField()


class ConfirmForm(AccessibleErrorsMixin, forms.Form):
    """The second step of an action with consequences: the organizer has read the summary."""

    confirmed = forms.BooleanField(
        label=_("I have checked the summary and want to go ahead."), required=True
    )


class UnfixForm(ConfirmForm):
    reason = ReasonField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("Stays in the history of the edition.")
