"""Who may do what. One place, so views and the API ask the same question."""

from django.core.exceptions import PermissionDenied


def is_organizer(user, series) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return series.organizers.filter(pk=user.pk).exists()


def require_organizer(user, series) -> None:
    if not is_organizer(user, series):
        raise PermissionDenied


def organized_series(user):
    from klimakreise.editions.models import Series

    if user.is_superuser:
        return Series.objects.all()
    return Series.objects.filter(organizers=user)
