"""Write a message to all or filtered registrants, or to a group another app offers (the
moderators of the circles): compose → preview with the count → send."""

import uuid

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimakreise.editions.access import organizer_view
from klimakreise.registrations.organizer.forms import MessageForm, MessageRecipientsForm
from klimakreise.registrations.organizer.recipients import message_recipients
from klimakreise.registrations.organizer.services import personalize, send_message


def _recipients(request, edition):
    """The people the choice and the list's filters (in the query string) select."""
    form = MessageRecipientsForm(request.GET, edition=edition)
    people = edition.registrations.filter(anonymized_at__isnull=True).exclude(email="")
    registrations = form.filter(people).select_related("edition__series")
    return form, message_recipients(
        edition=edition, audience=form.audience(), registrations=registrations
    )


@organizer_view
def compose(request, scope):
    edition = scope.edition
    filter_form, recipients = _recipients(request, edition)
    form = MessageForm(request.POST or None, initial={"message_id": uuid.uuid4().hex})
    action = request.POST.get("action")
    context = {
        "edition": edition,
        "form": form,
        "filter_form": filter_form,
        "recipients": recipients,
        "group_label": filter_form.group_label(),
        "query": request.GET.urlencode(),
    }
    if request.method == "POST" and form.is_valid() and recipients:
        data = form.cleaned_data
        if action == "send":
            queued = send_message(
                edition=edition,
                recipients=recipients,
                subject=data["subject"],
                body=data["body"],
                message_id=data["message_id"],
            )
            if queued:
                flash.success(
                    request,
                    ngettext(
                        "The message was queued for %(count)d person.",
                        "The message was queued for %(count)d people.",
                        queued,
                    )
                    % {"count": queued},
                )
            else:  # the same form sent twice: its message_id was queued before
                flash.info(request, _("This message was sent already; it was not sent again."))
            url = reverse("registrations_organizer:list", kwargs={"slug": edition.slug})
            return redirect(f"{url}?{context['query']}" if context["query"] else url)
        if action == "preview":
            example = recipients[0]
            link = ""  # an account without a registration has no personal link
            if example.registration:
                link = _("[personal link of %(name)s]") % {"name": example.name}
            context["preview"] = {
                "to": example,
                "subject": personalize(data["subject"], example, link=link),
                "body": personalize(data["body"], example, link=link),
            }
    return render(request, "registrations/organizer/message.html", context)
