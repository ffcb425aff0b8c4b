from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from klimakreise.core.permissions import organized_series


@login_required
def home(request):
    series = organized_series(request.user).prefetch_related("editions")
    return render(request, "backoffice/home.html", {"series_list": series})
