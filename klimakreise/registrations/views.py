"""Public pages: the sign-up form, the privacy notice and the personal-link pages."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from klimakreise.core.cache import cached_public_page
from klimakreise.core.origin import from_other_site
from klimakreise.editions.queries import get_public_edition
from klimakreise.registrations import services
from klimakreise.registrations.forms import HONEYPOT_FIELD, RegistrationForm, TopicWishesForm
from klimakreise.registrations.links import registration_from_token
from klimakreise.registrations.models import Registration
from klimakreise.registrations.ratelimit import over_registration_limit


def rate_limited(request):
    return render(request, "registrations/rate_limited.html", status=429)


# No CSRF token, so that the form can sit on the cached edition page: anyone may sign up, and
# double opt-in, honeypot and rate limit stay. A browser's cross-site post is still refused by
# its Origin header (core.origin), so other sites cannot send sign-ups through their
# visitors' addresses. docs/decisions.md.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def register(request, slug):
    edition = get_public_edition(slug)
    if not edition.registration_is_open():
        return render(request, "registrations/closed.html", {"edition": edition})
    if request.method == "POST":
        if from_other_site(request):
            raise PermissionDenied
        if over_registration_limit(request):
            return rate_limited(request)
        if request.POST.get(HONEYPOT_FIELD):  # a bot: pretend success, store nothing
            return redirect("registrations:register_sent", slug=slug)
        form = RegistrationForm(request.POST, edition=edition)
        if form.is_valid():
            try:
                services.register(edition=edition, data=form.to_data(), source="form")
            except services.RegistrationClosed:
                return render(request, "registrations/closed.html", {"edition": edition})
            return redirect("registrations:register_sent", slug=slug)
    else:
        form = RegistrationForm(edition=edition)
    return render(request, "registrations/register.html", _form_context(edition, form))


def _form_context(edition, form) -> dict:
    organizations = edition.series.organizations.values_list("name", flat=True)
    waitlist_only = services.free_seats(edition) == 0
    return {
        "edition": edition,
        "form": form,
        "organizations": organizations,
        "waitlist_only": waitlist_only,
    }


def edition_page_section(request, edition) -> str:
    """The sign-up form on the edition page while registration is open."""
    if not edition.registration_is_open():
        return ""
    context = _form_context(edition, RegistrationForm(edition=edition))
    return render_to_string("registrations/_edition_section.html", context, request=request)


def register_sent(request, slug):
    edition = get_public_edition(slug)
    return render(request, "registrations/register_sent.html", {"edition": edition})


@cached_public_page
def privacy_notice(request):
    version = settings.KLIMAKREISE_PRIVACY_NOTICE_VERSION
    return render(request, "registrations/privacy.html", {"version": version})


# --- personal link -------------------------------------------------------------------------


def invalid_link(request):
    return render(request, "registrations/link_invalid.html", status=404)


def personal_link_view(view):
    """Resolve the token first (forged, expired or revoked → a friendly 404), never cache."""

    @never_cache
    @functools.wraps(view)
    def wrapper(request, token, *args, **kwargs):
        registration = registration_from_token(token)
        if registration is None:
            return invalid_link(request)
        return view(request, registration, token, *args, **kwargs)

    return wrapper


@personal_link_view
@require_http_methods(["GET", "POST"])
def confirm(request, registration, token):
    if registration.status != Registration.Status.PENDING:
        return redirect("registrations:personal", token=token)
    if request.method == "POST":
        registration = services.confirm_registration(registration=registration)
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("Thank you! Your registration is confirmed."))
        else:
            messages.info(request, _("Thank you! All seats are taken: you are on the waitlist."))
        return redirect("registrations:personal", token=token)
    return render(request, "registrations/confirm.html", {"registration": registration})


@personal_link_view
def personal(request, registration, token):
    edition = registration.edition
    can_change = (
        registration.status
        in (
            Registration.Status.REGISTERED,
            Registration.Status.WAITLISTED,
            Registration.Status.PENDING,
        )
        and not edition.assignment_is_locked()
    )
    context = {
        "registration": registration,
        "edition": edition,
        "token": token,
        "preferences": registration.preferences.select_related("topic"),
        "wishes_form": TopicWishesForm.for_registration(registration) if can_change else None,
        "circle": registration.circle,
        "waitlist_position": _waitlist_position(registration),
    }
    return render(request, "registrations/personal.html", context)


def _waitlist_position(registration) -> int | None:
    """1 for the next person to move up; only ever shown to the person themself."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = registration.edition.registrations.filter(
        status=Registration.Status.WAITLISTED, confirmed_at__lt=registration.confirmed_at
    )
    return ahead.count() + 1


@personal_link_view
@require_POST
def change_wishes(request, registration, token):
    form = TopicWishesForm(request.POST, edition=registration.edition)
    if registration.status == Registration.Status.CANCELLED:
        return redirect("registrations:personal", token=token)
    if form.is_valid():
        try:
            services.change_preferences(registration=registration, topics=form.chosen_topics())
        except services.AssignmentLocked:
            messages.error(request, _("The circles are assigned; wishes can no longer change."))
        else:
            messages.success(request, _("Your topic wishes are saved."))
        return redirect("registrations:personal", token=token)
    context = {"registration": registration, "edition": registration.edition, "form": form}
    return render(request, "registrations/wishes_invalid.html", context, status=400)


@personal_link_view
@require_http_methods(["GET", "POST"])
def cancel(request, registration, token):
    if registration.status == Registration.Status.CANCELLED:
        return redirect("registrations:personal", token=token)
    if request.method == "POST":
        services.cancel_registration(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
        return redirect("registrations:personal", token=token)
    return render(request, "registrations/cancel.html", {"registration": registration})


@personal_link_view
def export_data(request, registration, token):
    data = services.export_registration_data(registration=registration)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"klimakreise-{registration.edition.slug}-registration.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@personal_link_view
@require_http_methods(["GET", "POST"])
def delete(request, registration, token):
    if request.method == "POST":
        edition = registration.edition
        services.delete_registration(registration=registration)
        return render(request, "registrations/deleted.html", {"edition": edition})
    return render(request, "registrations/delete.html", {"registration": registration})
