"""A failed save is always visible, and a conflict shows every field of the newer version so that
saving again cannot silently put back values someone else changed."""

import datetime
import html
from html.parser import HTMLParser

import pytest

from klimakreise.boards import services
from klimakreise.boards.models import BoardSettings, Card, CardChange
from tests.boards.factories import CardFactory
from tests.po import assert_page_language

STAFF = {"actor_user": None}


def _edit_url(circle, card):
    return f"/circles/{circle.pk}/cards/{card.pk}/edit/"


class EditPage(HTMLParser):
    """The edit page as a person sees it: the fields of the edit form (hidden ones included) and
    the rows of the conflict comparison ({field: {"class", "newer", "own", "text"}})."""

    def __init__(self, page: str):
        super().__init__()
        self.fields, self.rows = {}, {}
        self._in_form = False
        self._textarea = self._select = self._row = self._cell = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "card-edit-form":
            self._in_form = True
        elif self._in_form and tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self._in_form and tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif self._in_form and tag == "select":
            self._select = attrs["name"]
        elif self._select and tag == "option":
            if "selected" in attrs or self._select not in self.fields:
                self.fields[self._select] = attrs.get("value", "")
        elif tag == "tr" and (attrs.get("id") or "").startswith("conflict-"):
            self._row = {
                "class": attrs.get("class", "").split(),
                "newer": "",
                "own": "",
                "text": "",
            }
            self.rows[attrs["id"].removeprefix("conflict-")] = self._row
        elif self._row is not None and tag == "td":
            self._cell = {"newer-value": "newer", "own-value": "own"}.get(attrs.get("class"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            # As browsers do: a newline right after <textarea> is not part of the value.
            self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data
        if self._row is not None:
            self._row["text"] += data
            if self._cell:
                self._row[self._cell] = (self._row[self._cell] + " " + data.strip()).strip()


def _page(response) -> EditPage:
    return EditPage(response.content.decode())


def _edit_form_data(client, circle, card) -> dict:
    """The edit form as the page gives it to the person."""
    return _page(client.get(_edit_url(circle, card))).fields


# --- the save status on the workspace --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                'data-msg-forbidden="Nicht gespeichert: Sie dürfen hier nicht mehr bearbeiten.',
                'data-msg-failed="Nicht gespeichert – bitte versuchen Sie es erneut."',
                'data-msg-invalid="Nicht gespeichert: Bitte prüfen Sie Ihre Eingaben im Formular."',
                'data-msg-unsaved="Nicht gespeichert: keine Verbindung.',
            ],
        ),
        (
            "en",
            [
                'data-msg-forbidden="Not saved: you may no longer edit here.',
                'data-msg-failed="Not saved – please try again."',
                'data-msg-invalid="Not saved: please check your entries in the form."',
                'data-msg-unsaved="Not saved: no connection. Please try again."',
            ],
        ),
    ],
)
def test_workspace_carries_every_save_failure_message_in_the_page_language(
    persona, circle, language, expected
):
    client = persona("member")
    assert_page_language(client, f"/circles/{circle.pk}/", language, expected, [])


def test_save_status_is_a_polite_live_region_the_script_writes_failures_into(persona, circle):
    page = persona("member").get(f"/circles/{circle.pk}/").content.decode()
    assert '<span id="save-status" role="status">' in page  # role=status is polite
    assert "boards/board.js" in page


def test_htmx_swaps_nothing_on_a_forbidden_edit_so_the_script_must_report_it(persona, circle):
    """The 403 the script reports: member editing switched off while the page is open."""
    client = persona("member")
    BoardSettings.objects.update_or_create(
        edition=circle.edition, defaults={"members_can_edit": False}
    )
    response = client.post(
        f"/circles/{circle.pk}/cards/add/",
        {"column": "ideas", "text": "Zu spät"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert 'id="save-status"' not in response.content.decode()
    assert not Card.objects.exists()


def test_board_script_reports_forbidden_failed_and_unrendered_refusals():
    """No JavaScript runner here: check the script uses every message the page carries and does
    not rely on the server for anything but the board's own refusals."""
    from pathlib import Path

    import klimakreise.boards

    script = (Path(klimakreise.boards.__file__).parent / "static/boards/board.js").read_text()
    for name in ("msgUnsaved", "msgForbidden", "msgFailed", "msgInvalid"):
        assert f"board.dataset.{name}" in script
    assert "status === 403" in script
    # 409/422 answers with the board (and so their own save status) are told by their header.
    assert "getResponseHeader(REVISION_HEADER) !== null" in script
    assert 'id="save-status"' not in script  # not by searching the answer's HTML


def test_board_script_reads_the_revision_from_the_header_and_data_revision_not_the_etag():
    from pathlib import Path

    import klimakreise.boards
    from klimakreise.boards.board import REVISION_HEADER

    script = (Path(klimakreise.boards.__file__).parent / "static/boards/board.js").read_text()
    assert f'var REVISION_HEADER = "{REVISION_HEADER}";' in script
    assert 'getAttribute("data-revision")' in script
    # The ETag only goes back to the server (If-None-Match); it is never taken apart.
    assert 'getResponseHeader("ETag")' not in script and "exec(etag" not in script


# --- conflicts -------------------------------------------------------------------------------


@pytest.fixture
def next_step(circle):
    return CardFactory(
        circle=circle,
        column=Card.Column.NEXT_STEPS,
        text="Radweg planen",
        responsible="ADFC",
        due_date=datetime.date(2030, 5, 1),
        status=Card.Status.OPEN,
    )


def test_status_only_change_by_someone_else_shows_the_newer_status_in_the_conflict(
    persona, circle, next_step
):
    client = persona("member")
    form = _edit_form_data(client, circle, next_step)
    services.edit_card(
        circle=circle,
        card_id=next_step.pk,
        version=1,
        text="Radweg planen",
        responsible="ADFC",
        due_date=datetime.date(2030, 5, 1),
        status=Card.Status.DONE,
        actor=STAFF,
    )
    response = client.post(_edit_url(circle, next_step), form | {"text": "Radweg planen (B2)"})

    assert response.status_code == 409
    rows = _page(response).rows
    assert "differs" in rows["status"]["class"]
    assert (rows["status"]["newer"], rows["status"]["own"].split()[0]) == ("done", "open")
    for same in ("responsible", "due_date", "column"):
        assert "same" in rows[same]["class"], same
    assert "differs" in rows["text"]["class"] and "Only you changed this." in rows["text"]["own"]
    assert rows["text"]["newer"] == "Radweg planen"


def test_resave_from_the_conflict_form_carries_the_new_version_and_keeps_the_newer_status(
    persona, circle, next_step
):
    client = persona("member")
    form = _edit_form_data(client, circle, next_step)
    services.edit_card(
        circle=circle,
        card_id=next_step.pk,
        version=1,
        text="Radweg planen",
        responsible="ADFC",
        due_date=datetime.date(2030, 5, 1),
        status=Card.Status.DONE,
        actor=STAFF,
    )
    conflict = client.post(_edit_url(circle, next_step), form | {"text": "Radweg planen (B2)"})
    again = _page(conflict).fields

    assert again["version"] == "2"
    assert again["text"] == "Radweg planen (B2)"  # one's own change is kept, explicitly
    assert again["status"] == "done"  # not changed by the person: the newer value
    response = client.post(_edit_url(circle, next_step), again)
    assert response.status_code == 302
    next_step.refresh_from_db()
    assert (next_step.text, next_step.status, next_step.version) == (
        "Radweg planen (B2)",
        "done",
        3,
    )
    assert CardChange.objects.filter(action="edited").count() == 2


def test_a_field_both_changed_keeps_ones_own_value_and_marks_the_conflict(
    persona, circle, next_step
):
    client = persona("member")
    form = _edit_form_data(client, circle, next_step)
    services.edit_card(
        circle=circle,
        card_id=next_step.pk,
        version=1,
        text="Radweg planen",
        responsible="VCD",
        due_date=datetime.date(2030, 5, 1),
        actor=STAFF,
    )
    response = client.post(_edit_url(circle, next_step), form | {"responsible": "Stadtverwaltung"})

    page = _page(response)
    row = page.rows["responsible"]
    assert "differs" in row["class"] and row["newer"] == "VCD"
    assert "Changed by someone else and by you" in row["text"]
    assert page.fields["responsible"] == "Stadtverwaltung"


def test_a_due_date_changed_by_someone_else_is_shown_localized_and_kept(persona, circle, next_step):
    client = persona("member")
    client.cookies["django_language"] = "de"
    form = _edit_form_data(client, circle, next_step)
    services.edit_card(
        circle=circle,
        card_id=next_step.pk,
        version=1,
        text="Radweg planen",
        responsible="ADFC",
        due_date=datetime.date(2030, 6, 15),
        actor=STAFF,
    )
    response = client.post(_edit_url(circle, next_step), form | {"status": "in_progress"})

    page = _page(response)
    row = page.rows["due_date"]
    assert "differs" in row["class"]
    assert (row["newer"], row["own"].split()[0]) == ("15.06.2030", "01.05.2030")
    assert "Fällig am" in row["text"] and "in Arbeit" in page.rows["status"]["own"]
    assert (page.fields["due_date"], page.fields["status"]) == ("2030-06-15", "in_progress")


def test_a_card_only_moved_by_someone_else_shows_the_new_column(persona, circle, next_step):
    client = persona("member")
    form = _edit_form_data(client, circle, next_step)
    services.move_card(
        circle=circle, card_id=next_step.pk, version=1, column="responsibilities", actor=STAFF
    )
    response = client.post(_edit_url(circle, next_step), form | {"text": "Radweg planen!"})

    assert response.status_code == 409
    page = _page(response)
    row = page.rows["column"]
    assert "differs" in row["class"] and row["newer"] == "Responsibilities"
    assert row["own"].startswith("Next steps") and "does not move the card back" in row["own"]
    assert page.fields["version"] == "2"
    assert client.post(_edit_url(circle, next_step), page.fields).status_code == 302
    next_step.refresh_from_db()
    assert (next_step.column, next_step.text) == ("responsibilities", "Radweg planen!")


def test_conflict_without_the_seen_values_keeps_every_submitted_value(persona, circle, next_step):
    """Older pages or scripts post no `seen_…` fields: nothing is guessed, all is the person's."""
    client = persona("member")
    services.edit_card(
        circle=circle,
        card_id=next_step.pk,
        version=1,
        text="Radweg planen",
        status=Card.Status.DONE,
        actor=STAFF,
    )
    response = client.post(
        _edit_url(circle, next_step), {"text": "Mein Text", "status": "open", "version": 1}
    )
    page = _page(response)
    fields = page.fields
    assert (fields["text"], fields["status"], fields["version"]) == ("Mein Text", "open", "2")
    assert "differs" in page.rows["status"]["class"]


def test_conflict_comparison_escapes_what_people_typed(persona, circle, next_step):
    client = persona("member")
    form = _edit_form_data(client, circle, next_step)
    services.edit_card(
        circle=circle,
        card_id=next_step.pk,
        version=1,
        text="<b>fett</b>",
        responsible="<i>X</i>",
        actor=STAFF,
    )
    page = client.post(_edit_url(circle, next_step), form).content.decode()
    assert "<b>fett</b>" not in page and html.escape("<b>fett</b>", quote=False) in page
    assert "<i>X</i>" not in page
