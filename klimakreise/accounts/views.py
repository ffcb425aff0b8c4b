"""The signed-in person's own account: overview, password change, API token.

Password reset and the invitation link are Django's auth views, configured in urls.py.
"""

import functools

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from klimakreise.accounts import services
from klimakreise.accounts.forms import AccessiblePasswordChangeForm
from klimakreise.editions.access import organized_series


def may_use_api(user) -> bool:
    """The organizer API is for organizers: superusers and members of at least one team."""
    return user.is_active and (user.is_superuser or organized_series(user).exists())


def api_user_required(view):
    """Anonymous → login page; signed in but organizing nothing (e.g. circle staff) → 403."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_api(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)


@login_required
def account(request):
    return render(request, "accounts/account.html", {"may_use_api": may_use_api(request.user)})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view (login required, keeps the session); back to the account page after."""

    form_class = AccessiblePasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


def _token_page(request, *, new_token: str = "", status: int = 200):
    tokens = request.user.api_tokens.order_by("-created_at")
    context = {"token": tokens.first(), "new_token": new_token}
    return render(request, "accounts/api_token.html", context, status=status)


@api_user_required
def api_token(request):
    return _token_page(request)


@never_cache  # the raw token is in this response and nowhere else: keep it out of caches
@api_user_required
@require_POST
def api_token_create(request):
    _token, raw = services.replace_api_token(user=request.user)
    # Rendered, not redirected: only the hash is stored, so this response is the one chance to
    # see the token (a redirect would have to keep it in the session or a cookie).
    return _token_page(request, new_token=raw)


@login_required  # also for someone no longer in any team: a dormant token must be revocable
@require_POST
def api_token_revoke(request):
    if services.revoke_api_tokens(user=request.user):
        messages.success(request, _("Your API token has been revoked."))
    return redirect("accounts:api_token" if may_use_api(request.user) else "accounts:account")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The page behind reset and invitation links (Django's); a deactivated account's link is
    void, so nobody can change its password."""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None
