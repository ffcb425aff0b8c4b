"""Organizer pages of the follow-up: all steps of a series with filters, and one step with its
history, its status form and who looks after it. Access first (editions.access.organizer_view)."""

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klimakreise.boards.models import Card
from klimakreise.boards.services import StaleEdit
from klimakreise.circles.models import Circle
from klimakreise.editions.access import organizer_view
from klimakreise.steps.forms import OwnerForm, StepFilterForm, StepUpdateForm
from klimakreise.steps.models import StepFollowUp, StepUpdate
from klimakreise.steps.services import STEP_COLUMNS, StepRefused, assign_owner, update_step

ACTIVE = (Card.Status.OPEN, Card.Status.IN_PROGRESS)


def _series_cards(series):
    newest = StepUpdate.objects.filter(card=OuterRef("pk")).order_by("-at", "-id")
    return (
        Card.objects.filter(circle__edition__series=series, column__in=STEP_COLUMNS)
        .select_related("circle__topic", "circle__edition", "follow_up__registration")
        .annotate(last_update_at=Subquery(newest.values("at")[:1]))
    )


def _filter_form(request, series):
    circles = Circle.objects.filter(edition__series=series).select_related("topic", "edition")
    circle_choices = [
        (c.pk, f"{c.edition.title}: {c.name}")
        for c in circles.order_by("-edition__number", "topic__position", "index")
    ]
    editions = [(e.slug, e.title) for e in series.editions.order_by("-number")]
    return StepFilterForm(request.GET or None, editions=editions, circles=circle_choices)


def filtered(cards, data):
    if data.get("edition"):
        cards = cards.filter(circle__edition__slug=data["edition"])
    if data.get("circle"):
        cards = cards.filter(circle_id=data["circle"])
    if data.get("status"):
        cards = cards.filter(status=data["status"])
    if data.get("overdue"):
        cards = cards.filter(due_date__lt=timezone.localdate(), status__in=ACTIVE)
    return cards


@require_GET
@organizer_view
def series_steps(request, scope):
    series = scope.series
    form = _filter_form(request, series)
    cards = _series_cards(series)
    if form.is_bound and form.is_valid():
        cards = filtered(cards, form.cleaned_data)
    cards = cards.order_by(
        "-circle__edition__number", "circle__topic__position", "circle__index", "column", "position"
    )
    cards, today = list(cards), timezone.localdate()
    for card in cards:
        card.is_overdue = bool(card.due_date and card.due_date < today) and card.status in ACTIVE
    context = {"scope": scope, "series": series, "form": form, "cards": cards}
    return render(request, "steps/series.html", context)


@require_GET
@organizer_view
def edition_steps(request, scope):
    """The edition's organizer navigation leads to the series' list, filtered to the edition."""
    url = reverse("steps:series", kwargs={"series": scope.series.slug})
    return redirect(f"{url}?edition={scope.edition.slug}")


def _card(scope, card_id):
    cards = Card.objects.select_related("circle__topic", "circle__edition__series")
    return get_object_or_404(
        cards, pk=card_id, column__in=STEP_COLUMNS, circle__edition__series=scope.series
    )


def _owners(card):
    """Who may be chosen: confirmed participants of the card's edition, not anonymized."""
    registrations = card.circle.edition.registrations.confirmed()
    return registrations.filter(anonymized_at__isnull=True).order_by("name")


def _step_page(request, scope, card, *, update_form=None, owner_form=None, status=200):
    follow_up = StepFollowUp.objects.filter(card=card).select_related("registration").first()
    registrations = _owners(card)
    if owner_form is None:
        initial = {}
        if follow_up is not None:
            initial = {
                "registration": follow_up.registration_id,
                "contact_name": follow_up.contact_name,
                "contact_email": follow_up.contact_email,
            }
        owner_form = OwnerForm(initial=initial, registrations=registrations)
    if update_form is None:
        update_form = StepUpdateForm(initial={"status": card.status, "version": card.version})
    context = {
        "scope": scope,
        "card": card,
        "circle_name": card.circle.name,
        "follow_up": follow_up,
        "update_form": update_form,
        "owner_form": owner_form,
        "updates": StepUpdate.objects.filter(card=card).select_related(
            "by_user", "by_registration"
        ),
    }
    return render(request, "steps/step.html", context, status=status)


@require_GET
@organizer_view
def step_detail(request, scope, card_id):
    return _step_page(request, scope, _card(scope, card_id))


@require_POST
@organizer_view
def step_update(request, scope, card_id):
    card = _card(scope, card_id)
    form = StepUpdateForm(request.POST)
    if not form.is_valid():
        return _step_page(request, scope, card, update_form=form, status=400)
    try:
        update_step(
            card=card,
            version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=StepUpdate.By.ORGANIZER,
            user=request.user,
        )
    except (StaleEdit, StepRefused) as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The status is saved."))
    return redirect("steps:step", series=scope.series.slug, card_id=card.pk)


@require_POST
@organizer_view
def step_owner(request, scope, card_id):
    card = _card(scope, card_id)
    registrations = _owners(card)
    form = OwnerForm(request.POST, registrations=registrations)
    if not form.is_valid():
        return _step_page(request, scope, card, owner_form=form, status=400)
    try:
        assign_owner(
            card=card,
            registration=form.cleaned_data["registration"],
            contact_name=form.cleaned_data["contact_name"],
            contact_email=form.cleaned_data["contact_email"],
        )
    except StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Saved. A new owner gets the personal link by email."))
    return redirect("steps:step", series=scope.series.slug, card_id=card.pk)
