from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from klimakreise.core.cache import cached_public_page
from klimakreise.editions.models import Edition, Series


@cached_public_page
def home(request):
    now = timezone.now()
    editions = Edition.objects.public().select_related("series").order_by("start")
    series_list = list(Series.objects.filter(editions__in=editions).distinct())
    by_series = {s.pk: {"series": s, "upcoming": [], "past": []} for s in series_list}
    for edition in editions:
        bucket = "upcoming" if edition.end >= now else "past"
        by_series[edition.series_id][bucket].append(edition)
    for entry in by_series.values():
        entry["past"].reverse()
    return render(request, "core/home.html", {"series_entries": list(by_series.values())})


def switch_language(request, code):
    """Remember the chosen language in a cookie; a plain link, so cached pages need no token."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
