# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""Import from CSV and XLSX: column mapping, a report on every row, all-or-valid, no surprises."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.services import (
    CONSENT_BY_ORGANIZER,
    DuplicateRegistration,
    import_registrations,
)
from klimakreise.registrations.services import RegistrationData
from tests.registrations.factories import ConfirmedRegistrationFactory, OpenEditionFactory
from tests.registrations.organizer_factories import english, event, people, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "import_dir")]

GOOD_CSV = (
    "Name;E-Mail;Organisation;Bereich;1. Wunsch;2. Wunsch;Kann moderieren;Sprache\n"
    "Fritz Müller;fritz@example.org;BUND;Zivilgesellschaft;Energie;gruen;ja;Deutsch\n"
    "Greta Groß;GRETA@example.org;;verwaltung;mobilitaet;;nein;en\n"
    ";;;;;;;\n"
    "Hans Klein;hans@example.org;Uni;Wissenschaft;Gruen;Energie;x;\n"
)


@pytest.fixture
def import_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def csv_file(text: str, name="people.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding))


def xlsx_file(rows, name="people.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, event, upload_file, encoding="utf-8"):
    return client.post(url("import", event), {"file": upload_file, "encoding": encoding})


def to_report(client, event, upload_file, emails="none", **mapping):
    """Upload, accept the guessed columns (with changes), and return the report URL."""
    response = upload(client, event, upload_file)
    assert response.status_code == 302, response.context["form"].errors
    columns_url = response["Location"]
    form = client.get(columns_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(emails=emails, consent="on", **mapping)
    response = client.post(columns_url, data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"]


def registered_emails(edition):
    return sorted(edition.registrations.values_list("email", flat=True))


def test_good_csv_with_german_headers_is_guessed_checked_and_imported(client_for, organizer, event):
    client = client_for(organizer)
    columns_url = upload(client, event, csv_file(GOOD_CSV))["Location"]

    guessed = client.get(columns_url).context["form"]
    assert {name: guessed[name].value() for name in ("name", "email", "sector", "wish_2")} == {
        "name": "0",
        "email": "1",
        "sector": "3",
        "wish_2": "5",
    }
    report_url = to_report(client, event, csv_file(GOOD_CSV))
    report = client.get(report_url)
    assert report.context["valid_count"] == 3 and not report.context["bad_rows"]

    response = client.post(report_url, {"action": "all"})

    assert response.status_code == 302
    assert registered_emails(event) == [
        "fritz@example.org",
        "greta@example.org",
        "hans@example.org",
    ]
    fritz = event.registrations.get(email="fritz@example.org")
    assert fritz.status == "registered"
    assert fritz.source == Registration.Source.IMPORT
    assert fritz.privacy_notice_version == CONSENT_BY_ORGANIZER
    assert fritz.can_moderate and fritz.sector.slug == "zivilgesellschaft"
    assert [w.topic.slug for w in fritz.preferences.order_by("rank")] == ["energie", "gruen"]
    assert event.registrations.get(email="greta@example.org").language == "en"
    # No confirmation requests: only the reminders before the event wait in the outbox.
    assert all(e.key.startswith("registration-reminder:") for e in OutboxEmail.objects.all())


def test_confirmation_requests_only_when_asked(client_for, organizer, event):
    client = client_for(organizer)
    report_url = to_report(client, event, csv_file(GOOD_CSV), emails="confirm")

    client.post(report_url, {"action": "all"})

    assert set(event.registrations.values_list("status", flat=True)) == {"pending_confirmation"}
    requests = OutboxEmail.objects.filter(text__contains="/confirm/")
    assert sorted(requests.values_list("to", flat=True)) == registered_emails(event)


def test_our_own_export_imports_into_another_edition(client_for, organizer, event, people, series):
    client = client_for(organizer)
    exported = client.get(url("export_xlsx", event)).content
    target = OpenEditionFactory(series=series, slug="kk-next")

    report_url = to_report(client, target, SimpleUploadedFile("export.xlsx", exported))
    assert client.get(report_url).context["valid_count"] == 3
    client.post(report_url, {"action": "all"})

    assert registered_emails(target) == ["ada@example.org", "ben@example.org", "cem@example.org"]
    ada = target.registrations.get(email="ada@example.org")
    assert ada.can_moderate and ada.organization_name == "Stadt"
    wishes = [w.topic.slug for w in ada.preferences.order_by("rank")]
    assert wishes == ["energie", "mobilitaet", "gruen"]


BAD_ROWS = [
    ["Name", "Email", "Sector", "Wish 1", "Wish 2"],
    ["Ok One", "one@example.org", "verwaltung", "energie", ""],  # row 2
    ["Bad Mail", "not-an-address", "verwaltung", "energie", ""],  # row 3
    ["Bad Sector", "sector@example.org", "Mars", "energie", ""],  # row 4
    ["Bad Topic", "topic@example.org", "verwaltung", "Raumfahrt", ""],  # row 5
    ["Twice", "ONE@example.org", "verwaltung", "gruen", ""],  # row 6: as row 2
    ["Known", "ada@example.org", "verwaltung", "gruen", ""],  # row 7: already registered
    ["", "noname@example.org", "verwaltung", "gruen", ""],  # row 8
    ["Same Topic", "same@example.org", "verwaltung", "gruen", "gruen"],  # row 9
    ["Ok Two", "two@example.org", "politik", "Mobilitaet", "energie"],  # row 10
]


def test_report_names_each_bad_row_and_its_reason(client_for, organizer, event, people):
    client = client_for(organizer)

    report = client.get(to_report(client, event, xlsx_file(BAD_ROWS)))

    reasons = {row.number: " ".join(row.errors) for row in report.context["bad_rows"]}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "Email address" in reasons[3]
    assert "“Mars” is not a sector" in reasons[4]
    assert "“Raumfahrt” is not a topic" in reasons[5]
    assert "already in row 2" in reasons[6]
    assert "already registered" in reasons[7]
    assert reasons[8].startswith("Name:")
    assert "already chose this topic" in reasons[9]
    assert report.context["valid_count"] == 2
    html = report.content.decode()
    assert "Import the 2 valid rows only" in html
    assert 'value="all"' not in html


def test_nothing_is_imported_while_rows_are_bad(client_for, organizer, event, people):
    client = client_for(organizer)
    report_url = to_report(client, event, xlsx_file(BAD_ROWS))
    before = registered_emails(event)

    response = client.post(report_url, {"action": "all"})

    assert response.status_code == 200
    assert "nothing was imported" in response.content.decode()
    assert registered_emails(event) == before
    assert not OutboxEmail.objects.exists()


def test_valid_rows_only_imports_exactly_the_valid_ones(client_for, organizer, event, people):
    client = client_for(organizer)
    report_url = to_report(client, event, xlsx_file(BAD_ROWS))

    client.post(report_url, {"action": "valid"})

    imported = event.registrations.filter(source="import").values_list("email", flat=True)
    assert sorted(imported) == ["one@example.org", "two@example.org"]
    two = event.registrations.get(email="two@example.org")
    assert [w.topic.slug for w in two.preferences.order_by("rank")] == ["mobilitaet", "energie"]


def test_someone_registering_meanwhile_stops_the_whole_import(client_for, organizer, event):
    client = client_for(organizer)
    report_url = to_report(client, event, csv_file(GOOD_CSV))
    ConfirmedRegistrationFactory(edition=event, email="hans@example.org")

    response = client.post(report_url, {"action": "all"})

    assert response.status_code == 200
    assert registered_emails(event) == ["hans@example.org"]


def test_import_service_is_one_transaction(event):
    sector = event.series.sectors.first()
    topic = event.topics.first()
    rows = [
        RegistrationData(name=n, email=e, sector=sector, topics=[topic], consent_privacy=True)
        for n, e in [("A", "a@example.org"), ("B", "b@example.org"), ("A2", "A@example.org")]
    ]

    with pytest.raises(DuplicateRegistration):
        import_registrations(edition=event, rows=rows)

    assert not event.registrations.exists()
    assert not OutboxEmail.objects.exists()


def test_missing_required_column_is_a_mapping_error(client_for, organizer, event):
    client = client_for(organizer)
    columns_url = upload(client, event, csv_file(GOOD_CSV))["Location"]
    form = client.get(columns_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}

    response = client.post(columns_url, {**data, "email": "", "consent": "on"})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not event.registrations.exists()


def test_one_column_for_two_fields_is_a_mapping_error(client_for, organizer, event):
    client = client_for(organizer)
    columns_url = upload(client, event, csv_file(GOOD_CSV))["Location"]
    form = client.get(columns_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}

    response = client.post(columns_url, {**data, "organization": "0", "consent": "on"})

    assert "organization" in response.context["form"].errors


@pytest.mark.parametrize(
    ("upload_file", "message"),
    [
        (SimpleUploadedFile("people.pdf", b"%PDF-1.4 something"), "CSV or an Excel"),
        (SimpleUploadedFile("people.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "not a CSV file"),
        (SimpleUploadedFile("people.xlsx", b"this is no spreadsheet"), "Excel (.xlsx)"),
        (SimpleUploadedFile("people.xls", b"\xd0\xcf\x11\xe0 old excel"), "Old Excel"),
        (SimpleUploadedFile("people.csv", b""), "submitted file is empty"),
        (SimpleUploadedFile("people.csv", b"  \n \n"), "file is empty"),
        (SimpleUploadedFile("people.csv", b"Name,Email\n"), "no rows below"),
        (SimpleUploadedFile("people.csv", "Name,E-Mail\nJörg,j@x.org\n".encode("cp1252")), "UTF-8"),
        (SimpleUploadedFile("people.csv", b"Name,Email\n" + b"A,a@x.org\n" * 30), "more than 20"),
        (SimpleUploadedFile("people.csv", b"Name,Email\n" + b"x" * 3000), "larger than"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    client_for, organizer, event, settings, tmp_path, upload_file, message
):
    settings.KLIMAKREISE_IMPORT_MAX_ROWS = 20
    settings.KLIMAKREISE_IMPORT_MAX_BYTES = 2000

    response = upload(client_for(organizer), event, upload_file)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not event.registrations.exists()
    assert not list((tmp_path / "imports").glob("*.json"))


def test_windows_encoding_can_be_chosen(client_for, organizer, event):
    text = "Name,E-Mail,Sektor,Thema\nJörg Größe,j@example.org,Verwaltung,Energie\n"

    response = upload(client_for(organizer), event, csv_file(text, encoding="cp1252"), "cp1252")

    assert response.status_code == 302
    columns = client_for(organizer).get(response["Location"])
    assert "Jörg Größe" in columns.content.decode()


def test_a_report_needs_the_columns_first(client_for, organizer, event):
    client = client_for(organizer)
    columns_url = upload(client, event, csv_file(GOOD_CSV))["Location"]
    report_url = columns_url.replace("/columns/", "/report/")

    response = client.post(report_url, {"action": "all"})

    assert response["Location"] == columns_url
    assert not event.registrations.exists()


def test_another_organizer_cannot_continue_my_import(client_for, organizer, event, series):
    from tests.factories import UserFactory

    colleague = UserFactory()
    series.organizers.add(colleague)
    columns_url = upload(client_for(organizer), event, csv_file(GOOD_CSV))["Location"]

    assert client_for(colleague).get(columns_url).status_code == 404
    assert (
        client_for(organizer)
        .get("/manage/e/kk-organizer/registrations/import/..%2F..%2Fsecret_key/columns/")
        .status_code
        == 404
    )
