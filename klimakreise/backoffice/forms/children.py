"""Forms for what belongs to one edition: agenda items, topics, circles and partners."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from klimakreise.backoffice.forms import messages
from klimakreise.backoffice.forms.base import ScopedModelForm, require_at_least
from klimakreise.circles.models import Circle
from klimakreise.editions.models import AgendaItem, Partner, Topic


class AgendaItemForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = AgendaItem
        fields = [
            "start", "duration_minutes", "title", "kind", "speaker", "organization", "description",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.parent.series.organizations.all()
        if not self.instance.pk:
            self.initial.setdefault("start", self.parent.start)

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start")
        if start and start < self.parent.start:
            self.add_error("start", messages.ITEM_BEFORE_EDITION)
        elif start and start >= self.parent.end:
            self.add_error("start", messages.ITEM_AFTER_EDITION)
        if cleaned.get("kind") == AgendaItem.Kind.TALK:
            if not cleaned.get("speaker"):
                self.add_error("speaker", messages.TALK_NEEDS_SPEAKER)
            if not cleaned.get("organization"):
                self.add_error("organization", messages.TALK_NEEDS_ORGANIZATION)
        return cleaned


class TopicForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Topic
        fields = [
            "title", "slug", "description", "position", "min_size", "max_size", "max_groups",
            "min_groups", "input_title", "input_expert",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("min_size", "max_size", "max_groups"):
            require_at_least(self.fields[name], 1)
        self.fields["min_groups"].required = False  # empty: the topic need not run

    def clean_min_groups(self):
        return self.cleaned_data.get("min_groups") or 0

    def clean(self):
        cleaned = super().clean()
        self.check_unique("slug", messages.TOPIC_SLUG_TAKEN)
        low, high = cleaned.get("min_size"), cleaned.get("max_size")
        if low and high and low > high:
            self.add_error("min_size", messages.MIN_ABOVE_MAX)
        must, most = cleaned.get("min_groups"), cleaned.get("max_groups")
        if must and most and must > most:
            self.add_error("min_groups", messages.MIN_GROUPS_ABOVE_MAX)
        return cleaned


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.email})"


STAFF_ROLES = ("moderator", "expert", "note_taker")


def staff_candidates(edition, keep=()):
    """Accounts an organizer may pick as circle staff: people of this series only.

    The team of the series and whoever already staffed one of its circles; never the whole
    user table, which would show the people of other series.
    """
    circles = Circle.objects.filter(edition__series=edition.series)
    known = Q(organized_series=edition.series) | Q(pk__in=[pk for pk in keep if pk])
    for role in STAFF_ROLES:
        known |= Q(pk__in=circles.filter(**{f"{role}__isnull": False}).values(role))
    return get_user_model().objects.filter(known, is_active=True).distinct().order_by("name")


class CircleForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Circle
        fields = [
            "topic", "index", "video_room_url", "moderator", "moderator_name", "expert",
            "expert_name", "note_taker", "note_taker_name",
        ]  # fmt: skip
        field_classes = dict.fromkeys(STAFF_ROLES, StaffChoiceField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = self.parent.topics.all()
        require_at_least(self.fields["index"], 1)
        current = [getattr(self.instance, f"{role}_id") for role in STAFF_ROLES]
        people = staff_candidates(self.parent, keep=current)
        for role in STAFF_ROLES:
            self.fields[role].queryset = people

    def clean(self):
        cleaned = super().clean()
        self.check_unique("index", messages.CIRCLE_INDEX_TAKEN, together=["topic"])
        for role in STAFF_ROLES:
            if cleaned.get(role) and cleaned.get(f"{role}_name"):
                self.add_error(f"{role}_name", messages.USER_OR_NAME)
        return cleaned


class PartnerForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Partner
        fields = ["organization", "role", "thanks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.parent.series.organizations.all()

    def clean(self):
        cleaned = super().clean()
        self.check_unique("role", messages.PARTNER_TAKEN, together=["organization"])
        return cleaned
