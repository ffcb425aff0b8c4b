from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klimakreise.editions.access import organizer_view
from klimakreise.outbox.forms import StatusFilterForm
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.services import retry_email

PAGE_SIZE = 100


@organizer_view
@require_GET
def edition_outbox(request, scope):
    edition = scope.edition
    form = StatusFilterForm(request.GET or None)
    emails = edition.outbox_emails.only(
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "created_at",
        "next_attempt_at",
        "edition_id",
    )
    if form.is_valid() and form.cleaned_data["status"]:
        emails = emails.filter(status=form.cleaned_data["status"])
    counts = dict(edition.outbox_emails.order_by().values_list("status").annotate(n=Count("id")))
    page = Paginator(emails, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outbox/edition_outbox.html",
        {
            "edition": edition,
            "form": form,
            "page": page,
            "status_counts": [
                (label, counts.get(value, 0), value) for value, label in OutboxEmail.Status.choices
            ],
            "Status": OutboxEmail.Status,
        },
    )


@organizer_view
@require_POST
def retry_failed_email(request, scope, pk):
    edition = scope.edition
    email = get_object_or_404(OutboxEmail, pk=pk, edition=edition)
    if retry_email(email=email):
        messages.success(request, _("The email to %(to)s is queued again.") % {"to": email.to})
    else:
        messages.error(request, _("Only failed emails can be retried."))
    return redirect(reverse("outbox:edition", kwargs={"slug": edition.slug}) + "?status=failed")
