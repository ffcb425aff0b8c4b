"""The attendance list for the day of the event: check people in (and undo it)."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimakreise.editions.access import organizer_view
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.forms import RegistrationFilterForm
from klimakreise.registrations.organizer.services import set_checked_in

# Who can come in: everyone confirmed (the waitlisted may get a seat left free at the door).
ATTENDING = [Registration.Status.REGISTERED, Registration.Status.WAITLISTED]


@organizer_view
def attendance_list(request, scope):
    edition = scope.edition
    form = RegistrationFilterForm(request.GET, edition=edition)
    people = edition.registrations.filter(status__in=ATTENDING).select_related("sector")
    shown = list(form.filter(people).order_by("name", "id"))
    registered = people.filter(status=Registration.Status.REGISTERED)
    context = {
        "edition": edition,
        "filter_form": form,
        "people": shown,
        "checked_in_count": people.filter(checked_in_at__isnull=False).count(),
        "registered_count": registered.count(),
        "query": request.GET.urlencode(),
    }
    return render(request, "registrations/organizer/checkin.html", context)


@organizer_view
@require_POST
def set_checkin(request, scope, pk):
    edition = scope.edition
    registration = get_object_or_404(edition.registrations, pk=pk, status__in=ATTENDING)
    choice = request.POST.get("checked_in")
    if choice not in ("0", "1"):
        # Only the form's two buttons send this; anything else changes nothing.
        return render(request, "400.html", status=400)
    checked_in = choice == "1"
    set_checked_in(registration=registration, checked_in=checked_in)
    if checked_in:
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    else:
        messages.success(
            request, _("Check-in of %(name)s was undone.") % {"name": registration.name}
        )
    # Back to the same filtered list, at the same person; the query is re-encoded, not echoed.
    query = QueryDict(request.POST.get("query", "")).urlencode()
    url = reverse("registrations_organizer:checkin", kwargs={"slug": edition.slug})
    return redirect(
        f"{url}?{query}#person-{registration.pk}" if query else f"{url}#person-{registration.pk}"
    )
