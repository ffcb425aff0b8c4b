"""Free notes: Markdown rendered safely, versioned, conflicts keep one's own text."""

import pytest

from klimakreise.boards.models import CardChange, CircleNotes


def _save(client, circle, text, version):
    return client.post(f"/circles/{circle.pk}/notes/", {"text": text, "version": version})


def test_notes_are_saved_and_rendered_as_sanitized_markdown(persona, circle):
    client = persona("member")
    assert (
        _save(client, circle, "## Ergebnis\n\n**wichtig** <script>alert(1)</script>", 1).status_code
        == 302
    )
    page = client.get(f"/circles/{circle.pk}/").content.decode()
    assert "<strong>wichtig</strong>" in page and "<script>alert(1)" not in page
    assert CircleNotes.objects.get(circle=circle).version == 2
    assert CardChange.objects.get(action="notes_edited").after["text"].startswith("## Ergebnis")


def test_stale_notes_are_refused_showing_both_texts(persona, circle):
    _save(persona("staff"), circle, "Fassung der Moderation", 1)
    response = _save(persona("member"), circle, "Meine Fassung", 1)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Fassung der Moderation" in page and "Meine Fassung</textarea>" in page
    assert CircleNotes.objects.get(circle=circle).text == "Fassung der Moderation"


@pytest.mark.parametrize("data", [{"text": "x"}, {"text": "x", "version": "zwei"}])
def test_notes_without_a_valid_version_are_refused(persona, circle, data):
    response = persona("staff").post(f"/circles/{circle.pk}/notes/", data)
    assert response.status_code == 422
    assert not CircleNotes.objects.exists()
