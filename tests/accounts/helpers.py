"""Following the password links in queued emails like a person clicking them; form errors."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation

NEW_PASSWORD = "Klimaschutz-2030-jetzt!"
LINK = re.compile(r"/accounts/(?:invitation|password/reset)/[\w-]+/[\w-]+/")


def password_links(email) -> list[str]:
    """The set-password paths in an outbox email (the same in its text and HTML part)."""
    found = LINK.findall(email.text)
    assert set(found) == set(LINK.findall(email.html))
    assert all(settings.SITE_URL + path in email.text for path in found)
    return found


def choose_password(client, link: str, password: str = NEW_PASSWORD):
    """Open the emailed link and save `password` on the page it leads to; the last response."""
    opened = client.get(link)
    assert opened.status_code == 302, opened.status_code  # Django hides the token from the URL
    form_page = client.get(opened["Location"])
    assert form_page.context["validlink"], "the link was refused"
    data = {"new_password1": password, "new_password2": password}
    return client.post(opened["Location"], data)


def log_in(client, email: str, password: str = NEW_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def logged_in_as(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def form_errors(response, field: str) -> list[str]:
    """The English messages the response's form shows for `field`."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    with translation.override("en"):
        return [error["message"] for error in form.errors.get_json_data().get(field, [])]
