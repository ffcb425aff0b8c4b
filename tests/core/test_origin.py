"""The one check whether a browser sent a write from another site (core.origin), used by the
sign-up form and the API."""

import pytest
from django.test import RequestFactory

from klimakreise.core.origin import from_other_site
from klimakreise.registrations.models import Registration
from tests.registrations.factories import OpenEditionFactory


def request_with(**headers):
    return RequestFactory().post("/", headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_a_request_from_this_site_or_without_browser_headers_is_not_from_another_site(headers):
    assert not from_other_site(request_with(**headers))


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "https://testserver"},  # another scheme is another origin
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_request_that_the_browser_marks_as_from_elsewhere_is_from_another_site(headers):
    assert from_other_site(request_with(**headers))


def test_a_trusted_origin_counts_as_this_site(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://klimakreise.example"]

    assert not from_other_site(request_with(Origin="https://klimakreise.example"))


@pytest.mark.django_db
def test_the_sign_up_form_refuses_a_post_the_browser_marks_cross_site(client, series):
    edition = OpenEditionFactory(series=series)
    data = {"name": "Ada", "email": "ada@example.org", "consent_privacy": "on"}

    response = client.post(
        f"/e/{edition.slug}/register/", data, headers={"Sec-Fetch-Site": "cross-site"}
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()
