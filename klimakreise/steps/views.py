"""The personal page of someone who looks after steps: opened by the link from the email, no
account. It lists every step of the same owner with a form to update its status."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klimakreise.boards.services import StaleEdit
from klimakreise.steps.forms import StepUpdateForm
from klimakreise.steps.links import follow_up_from_token
from klimakreise.steps.models import StepFollowUp, StepUpdate
from klimakreise.steps.services import StepRefused, published, update_step


def _follow_up(token):
    follow_up = follow_up_from_token(token)
    if follow_up is None:
        raise Http404
    return follow_up


def owned_steps(follow_up):
    """The follow-ups of the same owner (participant, or contact email in the same series),
    of published results, with their cards."""
    same = StepFollowUp.objects.filter(published("card__"))
    if follow_up.registration_id is not None:
        same = same.filter(registration_id=follow_up.registration_id)
    elif follow_up.contact_email:
        series = follow_up.card.circle.edition.series_id
        same = same.filter(
            contact_email__iexact=follow_up.contact_email,
            card__circle__edition__series_id=series,
        )
    else:
        same = same.none()
    return same.select_related("card__circle__topic", "card__circle__edition").order_by(
        "card__due_date", "card_id"
    )


def _forms(follow_ups, bound=None):
    forms = []
    for item in follow_ups:
        card = item.card
        if bound is not None and bound.prefix == f"step-{card.pk}":
            form = bound
        else:
            initial = {"status": card.status, "version": card.version}
            form = StepUpdateForm(initial=initial, prefix=f"step-{card.pk}")
        forms.append((card, form))
    return forms


def _page(request, follow_up, token, bound=None, status=200):
    follow_ups = list(owned_steps(follow_up))
    history = _history([item.card_id for item in follow_ups])
    steps = [(card, form, history.get(card.pk, [])) for card, form in _forms(follow_ups, bound)]
    context = {"owner_name": follow_up.owner_name, "steps": steps, "token": token}
    return render(request, "steps/personal.html", context, status=status)


def _history(card_ids) -> dict[int, list]:
    history = {}
    for update in StepUpdate.objects.filter(card_id__in=card_ids).order_by("-at", "-id"):
        history.setdefault(update.card_id, []).append(update)
    return history


@require_GET
def personal(request, token):
    return _page(request, _follow_up(token), token)


@require_POST
def personal_update(request, token, card_id):
    follow_up = _follow_up(token)
    item = owned_steps(follow_up).filter(card_id=card_id).first()
    if item is None:
        raise Http404
    form = StepUpdateForm(request.POST, prefix=f"step-{card_id}")
    if not form.is_valid():
        return _page(request, follow_up, token, bound=form, status=400)
    registration = follow_up.registration
    by = StepUpdate.By.PARTICIPANT if registration else StepUpdate.By.CONTACT
    try:
        update_step(
            card=item.card,
            version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=by,
            registration=registration,
        )
    except (StaleEdit, StepRefused) as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Thank you, the status is saved."))
    return redirect("steps:personal", token=token)
