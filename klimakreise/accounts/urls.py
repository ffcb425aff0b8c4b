from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from klimakreise.accounts import views
from klimakreise.accounts.forms import (
    AccessibleSetPasswordForm,
    EmailLoginForm,
    OutboxPasswordResetForm,
)

# The page that sets a password, for a reset and for an invitation (the same token).
set_password = {
    "form_class": AccessibleSetPasswordForm,
    "template_name": "accounts/password_reset_confirm.html",
    "success_url": reverse_lazy("accounts:password_reset_complete"),
}

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=EmailLoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=OutboxPasswordResetForm,
            template_name="accounts/password_reset_form.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.SetPasswordView.as_view(**set_password),
        name="password_reset_confirm",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.SetPasswordView.as_view(**set_password, extra_context={"invitation": True}),
        name="invitation",
    ),
    path(
        "password/set/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("api-token/", views.api_token, name="api_token"),
    path("api-token/new/", views.api_token_create, name="api_token_create"),
    path("api-token/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
