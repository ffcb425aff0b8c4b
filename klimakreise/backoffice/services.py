"""Back-office writes. Every one runs in one transaction.

save_part and delete_part serve the generic create/edit/delete views (managed_models): for those
models the form's validation is the whole rule. A model whose writes have rules of their own has
a service in its app, and its view calls that instead (an edition: editions.update_edition).
"""

import enum

from django import forms
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError

from klimakreise.accounts import emails as account_emails
from klimakreise.accounts import services as account_services
from klimakreise.accounts.models import User
from klimakreise.editions import services as edition_services
from klimakreise.editions.models import Series
from klimakreise.organizations.models import Sector


class PartInUse(Exception):
    """The part was not deleted: other records still point at it, and the database protects it."""


@transaction.atomic
def save_part(*, form: forms.ModelForm) -> Model:
    """Save the object of a valid back-office model form; the saved object.

    Cached public pages are retired by the model's own signals (core.cache.retire_pages_on_change),
    so every way of saving retires them, not only this one.
    """
    return form.save()


def delete_part(*, part: Model) -> None:
    """Delete `part` and whatever cascades from it, all of it or nothing.

    Raises PartInUse, having deleted nothing, when a protected reference still points at it.
    """
    try:
        with transaction.atomic():
            part.delete()
    except (ProtectedError, RestrictedError) as error:
        raise PartInUse(part) from error


@transaction.atomic
def move_sector(*, sector: Sector, offset: int) -> None:
    """Move a sector up (-1) or down (+1) in its series' list and renumber the list 0, 1, 2…

    Renumbering heals duplicate or sparse positions, so a move always has a visible effect.
    """
    sectors = list(Sector.objects.select_for_update().filter(series_id=sector.series_id))
    index = next(i for i, item in enumerate(sectors) if item.pk == sector.pk)
    target = min(max(index + offset, 0), len(sectors) - 1)
    sectors.insert(target, sectors.pop(index))
    for position, item in enumerate(sectors):
        item.position = position
    Sector.objects.bulk_update(sectors, ["position"])


class Invitation(enum.Enum):
    """What inviting someone to a team did."""

    CREATED = "created"  # a new account; it got an invitation to choose a password
    INVITED = "invited"  # an account without a password yet (e.g. invited elsewhere): the same
    ADDED = "added"  # an account with a password; it got a short notice
    RESENT = "resent"  # already in the team, still without a password: a fresh invitation
    UNCHANGED = "unchanged"  # already in the team with a working account: nothing to do


@transaction.atomic
def invite_series_organizer(
    *, series: Series, email: str, name: str, invited_by, language: str
) -> tuple[User, Invitation]:
    """Put the person with `email` into the series' organizer team; the account and what
    happened.

    Without an account one is created (named `name`, without a password) and the person gets an
    email with a link to choose a password. Inviting someone again is harmless: a team member who
    has not chosen a password yet gets a fresh link, anyone else nothing. The account, the
    membership and the queued email are one transaction: all of them or none.
    """
    user, created = account_services.get_or_create_invited_account(email=email, name=name)
    in_team = not created and series.organizers.filter(pk=user.pk).exists()
    has_password = user.has_usable_password()
    if in_team:
        if has_password:
            return user, Invitation.UNCHANGED
        account_emails.send_invitation(
            user=user, series=series, invited_by=invited_by, language=language
        )
        return user, Invitation.RESENT
    edition_services.add_series_organizer(series=series, user=user)
    if has_password:
        account_emails.send_team_notice(
            user=user, series=series, invited_by=invited_by, language=language
        )
        return user, Invitation.ADDED
    account_emails.send_invitation(
        user=user, series=series, invited_by=invited_by, language=language
    )
    return user, Invitation.CREATED if created else Invitation.INVITED
