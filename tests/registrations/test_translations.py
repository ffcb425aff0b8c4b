"""The registration form follows the language cookie (catalogues: tests/core)."""

import pytest
from django.urls import reverse

from tests.po import assert_page_language
from tests.registrations.factories import OpenEditionFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected, unexpected",
    [
        (
            "de",
            [
                "E-Mail-Adresse",
                "Anmeldung für 3. Klimakreise",
                "1. Themenwunsch",
                "Ich stimme dem <a",
                ">Anmelden</button>",
            ],
            ["Email address", "Register for", "Topic wish 1", "I agree to the"],
        ),
        (
            "en",
            [
                "Email address",
                "Register for 3. Klimakreise",
                "Topic wish 1",
                "I agree to the <a",
                ">Register</button>",
            ],
            ["E-Mail-Adresse", "Anmeldung für", "Themenwunsch", "Ich stimme"],
        ),
    ],
)
def test_registration_form_follows_the_language_cookie(client, language, expected, unexpected):
    edition = OpenEditionFactory(slug="klimakreise-3", title="3. Klimakreise")
    url = reverse("registrations:register", args=[edition.slug])
    assert_page_language(client, url, language, expected, unexpected)
