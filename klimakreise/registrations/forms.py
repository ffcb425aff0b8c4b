"""The one validation path for a sign-up: the public form renders it, the API feeds it JSON."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from klimakreise.core.forms import CleanTextMixin
from klimakreise.editions.queries import sectors_of, wish_topics_of
from klimakreise.registrations.services import RegistrationData, normalize_email

HONEYPOT_FIELD = "website"  # rendered hidden from people; bots that fill it are ignored


def rank_label(rank: int) -> str:
    return gettext("Topic wish %(rank)d") % {"rank": rank}


def _consent_label() -> SafeString:
    return format_html(
        gettext('I agree to the <a href="{}">privacy notice</a>.'),
        reverse("registrations:privacy"),
    )


# A link, built when the label is shown and in the language of that moment; validating a sign-up
# (the API's) never builds it.
consent_label = lazy(_consent_label, SafeString)


def topic_label(topic) -> str:
    """A topic as the wish lists offer it; one the fixed assignment did not open says so."""
    if topic.cancelled:
        return gettext("%(title)s (does not take place)") % {"title": topic.title}
    return topic.title


class TopicWishesForm(CleanTextMixin, forms.Form):
    """One labelled select per rank (1st, 2nd, …): at most as many ranks as topics, the first
    required, no topic twice. Also the form for changing wishes through the personal link."""

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.topics = {t.slug: t for t in wish_topics_of(edition_id=edition.pk)}
        self.rank_fields = []
        topic_choices = [("", "—")] + [(slug, topic_label(t)) for slug, t in self.topics.items()]
        for rank in range(1, self.rank_count + 1):
            name = f"rank_{rank}"
            self.fields[name] = forms.ChoiceField(
                label=rank_label(rank),
                choices=topic_choices,
                required=rank == 1,
                error_messages={"required": _("Please choose at least your first topic wish.")},
            )
            self.rank_fields.append(name)

    @classmethod
    def for_registration(cls, registration, *args, **kwargs):
        initial = {f"rank_{p.rank}": p.topic.slug for p in registration.preferences.all()}
        return cls(*args, edition=registration.edition, initial=initial, **kwargs)

    @property
    def rank_count(self) -> int:
        return min(self.edition.preference_ranks, len(self.topics))

    def clean(self):
        cleaned = super().clean()
        seen = {}
        for rank, name in enumerate(self.rank_fields, start=1):
            slug = cleaned.get(name)
            if not slug:
                continue
            if slug in seen:
                self.add_error(
                    name,
                    gettext("You already chose this topic as wish %(rank)d.")
                    % {"rank": seen[slug]},
                )
            seen.setdefault(slug, rank)
        return cleaned

    def chosen_topics(self) -> list:
        """The wished topics in rank order; empty ranks in between are skipped."""
        return [
            self.topics[self.cleaned_data[n]] for n in self.rank_fields if self.cleaned_data.get(n)
        ]


class RegistrationForm(TopicWishesForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send you a link to confirm your registration."),
    )
    organization = forms.CharField(
        label=_("Organization"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "organization-suggestions", "autocomplete": "off"}),
    )
    sector = forms.ChoiceField(label=_("Sector"))
    can_moderate = forms.BooleanField(label=_("I can moderate a circle."), required=False)
    can_take_notes = forms.BooleanField(label=_("I can take notes in a circle."), required=False)
    joins_get_together = forms.BooleanField(
        label=_("I join the get-together afterwards."), required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything we can do so that you can take part fully."),
    )
    consent_privacy = forms.BooleanField(
        label=consent_label(),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )
    public_listing = forms.BooleanField(
        label=_("My name may be listed on public pages of this event."), required=False
    )
    newsletter = forms.BooleanField(
        label=_("I would like to receive the newsletter."), required=False
    )
    language = forms.ChoiceField(label=_("Language for emails"), choices=settings.LANGUAGES)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, edition=edition, **kwargs)
        self.sectors = {s.slug: s for s in sectors_of(series_id=edition.series_id)}
        self.fields["sector"].choices = [("", "—")] + [
            (s, o.title) for s, o in self.sectors.items()
        ]
        self.fields["language"].initial = (get_language() or "de")[:2]
        if not edition.get_together_start:
            del self.fields["joins_get_together"]
        self.order_fields(["name", "email", "organization", "sector", *self.rank_fields])

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def to_data(self) -> RegistrationData:
        c = self.cleaned_data
        return RegistrationData(
            name=c["name"].strip(),
            email=c["email"],
            organization_name=c["organization"].strip(),
            sector=self.sectors[c["sector"]],
            topics=self.chosen_topics(),
            can_moderate=c["can_moderate"],
            can_take_notes=c["can_take_notes"],
            joins_get_together=c.get("joins_get_together", False),
            accessibility_needs=c["accessibility_needs"].strip(),
            consent_privacy=c["consent_privacy"],
            public_listing=c["public_listing"],
            newsletter=c["newsletter"],
            language=c["language"],
        )

    # --- the API's view of the same form -------------------------------------------------

    API_FIELDS = (
        "name",
        "email",
        "organization",
        "sector",
        "can_moderate",
        "can_take_notes",
        "joins_get_together",
        "accessibility_needs",
        "consent_privacy",
        "public_listing",
        "newsletter",
        "language",
    )

    @classmethod
    def from_api(cls, *, edition, payload: dict) -> "RegistrationForm":
        data = {key: payload[key] for key in cls.API_FIELDS if payload.get(key) is not None}
        data.setdefault("language", (get_language() or "de")[:2])
        preferences = list(payload.get("preferences") or [])
        form = cls(data=data, edition=edition)
        for rank, slug in enumerate(preferences[: form.rank_count], start=1):
            form.data[f"rank_{rank}"] = slug
        form.extra_preferences = len(preferences) - form.rank_count
        return form

    def api_errors(self) -> list[dict]:
        """Each field's errors as [{field, message}], wishes reported under "preferences"."""
        errors = []
        if getattr(self, "extra_preferences", 0) > 0:
            message = ngettext(
                "At most %(count)d topic wish is possible.",
                "At most %(count)d topic wishes are possible.",
                self.rank_count,
            ) % {"count": self.rank_count}
            errors.append({"field": "preferences", "message": message})
        for field, messages in self.errors.items():
            name = "preferences" if field.startswith("rank_") else field
            name = None if name == "__all__" else name
            errors.extend({"field": name, "message": str(m)} for m in messages)
        return errors

    def is_valid_for_api(self) -> bool:
        return self.is_valid() and not getattr(self, "extra_preferences", 0) > 0
