"""Accounts in the Django admin, for superusers: Django's UserAdmin for a user who logs in with
an email address and has one name field (no username, first or last name)."""

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from klimakreise.accounts.models import ApiToken, User
from klimakreise.accounts.services import normalize_email

EMAIL_TAKEN = _("There is already an account with this email address.")


class UniqueEmailMixin:
    """Addresses are stored in lower case and must be unique whatever their case."""

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(EMAIL_TAKEN, code="unique")
        return email


class UserCreationForm(UniqueEmailMixin, auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserChangeForm(UniqueEmailMixin, auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class ApiTokenInline(admin.TabularInline):
    """A person's API tokens: only the hash is stored, so they can be seen and revoked here,
    never shown or created (organizers create theirs on their account page)."""

    model = ApiToken
    fields = ("label", "created_at", "last_used_at")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "name", "password")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "name", "is_active", "is_staff", "is_superuser", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("email", "name")
    ordering = ("email",)
    inlines = [ApiTokenInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []
