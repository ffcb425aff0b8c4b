"""Add and edit registrations by hand; confirm or cancel them for people who ask."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from klimakreise.editions.access import organizer_view
from klimakreise.registrations import services
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.forms import OrganizerRegistrationForm
from klimakreise.registrations.organizer.services import (
    DuplicateRegistration,
    EditConflict,
    add_registration,
    update_registration,
)
from klimakreise.registrations.organizer.views.queries import registrations_with_wishes

DUPLICATE_MESSAGE = gettext_lazy(
    "Someone with this email address is already registered for this edition."
)


@organizer_view
def add_registration_view(request, scope):
    edition = scope.edition
    form = OrganizerRegistrationForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            registration = add_registration(
                edition=edition, data=form.to_data(), emails=form.cleaned_data["emails"]
            )
        except DuplicateRegistration:
            form.add_error("email", DUPLICATE_MESSAGE)
        else:
            messages.success(
                request,
                _("%(name)s was added (%(status)s).")
                % {"name": registration.name, "status": registration.get_status_display()},
            )
            return redirect("registrations_organizer:list", slug=edition.slug)
    return render(
        request,
        "registrations/organizer/form.html",
        {"edition": edition, "form": form, "registration": None},
    )


@organizer_view
def edit_registration(request, scope, pk):
    edition = scope.edition
    registration = get_object_or_404(registrations_with_wishes(edition), pk=pk)
    locked = edition.assignment_is_locked()
    form = OrganizerRegistrationForm(
        request.POST or None, edition=edition, registration=registration, wishes_locked=locked
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_registration(
                registration=registration,
                data=form.to_data(),
                fingerprint=form.cleaned_data["fingerprint"],
            )
        except EditConflict:
            registration = get_object_or_404(registrations_with_wishes(edition), pk=pk)
            form = OrganizerRegistrationForm(
                edition=edition, registration=registration, wishes_locked=locked
            )
            messages.error(
                request,
                _(
                    "Someone else changed this registration meanwhile. The form now shows the "
                    "current data; please make your changes again."
                ),
            )
        except (ValidationError, services.AssignmentLocked) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("registrations_organizer:list", slug=edition.slug)
    context = {"edition": edition, "form": form, "registration": registration, "locked": locked}
    return render(request, "registrations/organizer/form.html", context)


def _add_errors(form, error) -> None:
    if isinstance(error, services.AssignmentLocked):
        form.add_error(None, _("The assignment is locked: topic wishes can no longer change."))
        return
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        if field == "preferences" and form.rank_fields:
            target = form.rank_fields[0]
        for message in messages_:
            form.add_error(target, message)


@organizer_view
@require_POST
def cancel(request, scope, pk):
    edition = scope.edition
    registration = get_object_or_404(edition.registrations, pk=pk)
    services.cancel_registration(registration=registration, actor=request.user)
    messages.success(
        request, _("The registration of %(name)s is cancelled.") % {"name": registration.name}
    )
    return redirect("registrations_organizer:edit", slug=edition.slug, pk=pk)


@organizer_view
@require_POST
def confirm(request, scope, pk):
    edition = scope.edition
    registration = get_object_or_404(
        edition.registrations, pk=pk, status=Registration.Status.PENDING
    )
    registration = services.confirm_registration(registration=registration)
    messages.success(
        request,
        _("%(name)s is now %(status)s.")
        % {"name": registration.name, "status": registration.get_status_display()},
    )
    return redirect("registrations_organizer:edit", slug=edition.slug, pk=pk)
