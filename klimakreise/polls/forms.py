"""Forms of date polls. Dates are entered in the series' time zone and stored as aware
datetimes (UTC in the database)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from klimakreise.core.forms import AccessibleErrorsMixin, CleanTextMixin
from klimakreise.core.text import has_web_address
from klimakreise.polls.models import COMMENT_MAX_LENGTH, MAX_OPTIONS, DatePoll, PollOption, Vote

# Messages asserted by the tests.
IN_THE_PAST = _("This date has passed. Please propose a date in the future.")
END_BEFORE_START = _("The end must be after the start.")
DUPLICATE = _("This date and time is already proposed.")
TOO_MANY = _("A poll can have at most %(max)d dates.")
NO_SUCH_TIME = _(
    "This time does not exist on that day in %(zone)s (the clocks go forward). "
    "Please choose another time."
)
TIME_TWICE = _(
    "This time occurs twice on that day in %(zone)s (the clocks go back). "
    "Please choose another time."
)
TOO_FAR = _("Please propose a date at most %(years)d years ahead (until %(last)s).")
NAME_WITH_LINK = _("Please enter your name without a web address.")
ONE_OPTION = _("Please choose exactly one of the proposed dates.")
# Far enough for any follow-up; further dates only come from typos and could not be copied into
# an edition (shifting its agenda would pass the year 9999).
MAX_YEARS_AHEAD = 5
POLL_CLOSED = _("This poll is closed: a date has been picked. Answers can no longer change.")


class PollForm(AccessibleErrorsMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = DatePoll
        fields = ["title", "message"]
        help_texts = {"message": _("Shown on the poll page and in the invitation.")}


class OptionForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """A proposed date: the day and the times, in the series' time zone."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, poll: DatePoll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.zone = ZoneInfo(poll.edition.series.time_zone)
        for name in ("start_time", "end_time"):
            self.fields[name].help_text = _("Time in %(zone)s") % {"zone": self.zone.key}
        self.fields["day"].help_text = _("From today to at most %(years)d years ahead.") % {
            "years": MAX_YEARS_AHEAD
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        # The day first: a day far in the past or future cannot even be converted (year 1).
        if not self._day_in_range(data["day"]):
            return data
        start = self._aware(data["day"], data["start_time"], "start_time")
        end = self._aware(data["day"], data["end_time"], "end_time")
        if start is None or end is None:
            return data
        if end <= start:
            self.add_error("end_time", END_BEFORE_START)
        elif start <= timezone.now():
            self.add_error("day", IN_THE_PAST)
        elif self.poll.options.filter(start=start, end=end).exists():
            self.add_error("day", DUPLICATE)
        elif self.poll.options.count() >= MAX_OPTIONS:
            self.add_error(None, TOO_MANY % {"max": MAX_OPTIONS})
        data["start"], data["end"] = start, end
        return data

    def _day_in_range(self, day: date) -> bool:
        today = timezone.localtime(timezone.now(), self.zone).date()
        last = _years_later(today, MAX_YEARS_AHEAD)
        if day < today:
            self.add_error("day", IN_THE_PAST)
        elif day > last:
            last_label = date_format(last, "DATE_FORMAT")
            self.add_error("day", TOO_FAR % {"years": MAX_YEARS_AHEAD, "last": last_label})
        return not self.has_error("day")

    def _aware(self, day, clock: time, field: str) -> datetime | None:
        moment = datetime.combine(day, clock, tzinfo=self.zone)
        # A wall-clock time skipped by the change to summer time does not survive the round trip.
        if moment.astimezone(UTC).astimezone(self.zone).time() != clock:
            self.add_error(field, NO_SUCH_TIME % {"zone": self.zone.key})
            return None
        # One repeated by the change to winter time has two offsets: refused rather than guessed.
        if moment.utcoffset() != moment.replace(fold=1).utcoffset():
            self.add_error(field, TIME_TWICE % {"zone": self.zone.key})
            return None
        return moment


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def option_label(option: PollOption, zone: str) -> str:
    """ "Sat, 12 June 2027, 15:00–18:00" in the series' time zone and the active language."""
    with timezone.override(zone):
        start, end = timezone.localtime(option.start), timezone.localtime(option.end)
        day = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}"
        if start.date() == end.date():
            return f"{day}, {date_format(start, 'TIME_FORMAT')}–{date_format(end, 'TIME_FORMAT')}"
        return f"{day}, {date_format(start, 'TIME_FORMAT')} – {date_format(end, 'DATETIME_FORMAT')}"


class AnswerForm(AccessibleErrorsMixin, CleanTextMixin, forms.Form):
    """Yes / if need be / no for each proposed date, and a comment."""

    multiline_fields = ("comment",)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the organizers only."),
    )

    def __init__(self, *args, poll: DatePoll, options, voter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll, self.options = poll, options
        given = {v.option_id: v.answer for v in voter.votes.all()} if voter else {}
        for option in options:
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=option_label(option, poll.edition.series.time_zone),
                choices=Vote.Answer.choices,
                widget=forms.RadioSelect,
                initial=given.get(option.pk),
                error_messages={"required": _("Please answer for this date.")},
            )
        if voter is not None:
            self.fields["comment"].initial = voter.comment
        self.order_fields([*self._extra_fields(), *self.option_fields(), "comment"])

    def _extra_fields(self) -> list[str]:
        return []

    def option_fields(self) -> list[str]:
        return [f"option_{option.pk}" for option in self.options]

    def answer_fields(self):
        return [self[name] for name in self.option_fields()]

    def answers(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data[f"option_{o.pk}"] for o in self.options}


class JoinForm(AnswerForm):
    """The shared link: who answers (a name; an address only to get one's own link by email)."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        help_text=_("We send you your own link to change your answers and tell you the date."),
    )

    def _extra_fields(self) -> list[str]:
        return ["name", "email"]

    def clean_name(self):
        # The name reaches the organizers' grid; a web address in it is spam, not a name.
        name = self.cleaned_data["name"]
        if has_web_address(name):
            raise forms.ValidationError(NAME_WITH_LINK)
        return name


class PickForm(CleanTextMixin, forms.Form):
    option = forms.ModelChoiceField(
        queryset=PollOption.objects.none(),
        error_messages={"required": ONE_OPTION, "invalid_choice": ONE_OPTION},
    )

    def __init__(self, *args, poll: DatePoll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = poll.options.all()

    def clean_option(self):
        # A QueryDict hands the field only the last of several values: refuse them instead.
        if hasattr(self.data, "getlist") and len(self.data.getlist("option")) != 1:
            raise forms.ValidationError(ONE_OPTION)
        return self.cleaned_data["option"]
