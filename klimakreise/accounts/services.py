"""Account writes: invited accounts and API tokens (one transaction each)."""

from django.db import IntegrityError, transaction

from klimakreise.accounts.models import ApiToken, User

# Stored on tokens made on the account page (the label is only shown to superusers in the admin).
LABEL_FROM_ACCOUNT_PAGE = "account page"


def normalize_email(email: str) -> str:
    """Addresses are stored in lower case (UserManager does the same), so lookups match."""
    return email.strip().lower()


@transaction.atomic
def get_or_create_invited_account(*, email: str, name: str) -> tuple[User, bool]:
    """The account for `email`; a new one (without a password) when there is none yet.

    The new account has an unusable password: the person chooses one with the link of the
    invitation email. Two invitations of the same address at the same moment end with one
    account (the second insert fails on the unique address and reads the first one's row).
    """
    email = normalize_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # a savepoint, so PostgreSQL can go on after the conflict
            return User.objects.create_user(email=email, password=None, name=name.strip()), True
    except IntegrityError:
        return User.objects.get(email__iexact=email), False


@transaction.atomic
def replace_api_token(*, user: User) -> tuple[ApiToken, str]:
    """Revoke the user's API tokens and issue a new one; the raw token is returned only here.

    Only the token's hash is stored, so the caller must show the raw value right away.
    """
    # Lock the account row: two clicks at once must not leave two valid tokens behind.
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    ApiToken.objects.filter(user=user).delete()
    return ApiToken.issue(user=user, label=LABEL_FROM_ACCOUNT_PAGE)


@transaction.atomic
def revoke_api_tokens(*, user: User) -> int:
    """Delete every API token of the user; how many there were."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted
