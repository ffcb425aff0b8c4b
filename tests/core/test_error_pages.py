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


def test_a_button_address_opened_directly_explains_itself_in_german():
    response = Client().get("/accounts/logout/")

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    page = response.content.decode()
    assert "Bitte gehen Sie zurück" in page and 'lang="de"' in page


def test_the_api_keeps_its_own_answer_for_a_wrong_method():
    response = Client().delete("/api/v1/editions/")

    assert response.status_code in {404, 405}
    assert "Bitte gehen Sie zurück" not in response.content.decode()
