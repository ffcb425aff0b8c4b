import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_form_sent_without_its_csrf_token_gets_a_friendly_page_in_german():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Das Formular ist abgelaufen" in page and "Es wurde nichts gespeichert" in page
    assert 'lang="de"' in page
