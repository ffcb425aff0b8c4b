# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""CSV and XLSX exports: content, filters, and the guard against formula injection."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from klimakreise.circles.models import CircleMember
from klimakreise.registrations.exports import neutralize_formula
from tests.factories import CircleFactory
from tests.registrations.organizer_factories import english, event, people, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = [
    "Name",
    "Email",
    "Organization",
    "Sector",
    "Status",
    "Wish 1",
    "Wish 2",
    "Wish 3",
    "Can moderate",
    "Can take notes",
    "Get-together",
    "Accessibility needs",
    "Consent given at",
    "Consent",
    "Public listing",
    "Newsletter",
    "Language",
    "Checked in",
    "Circle",
]


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    # Semicolons: Excel set to German splits them into columns, commas it does not.
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_csv_has_every_column_and_wishes_in_rank_order(client_for, organizer, event, people):
    people["ada"].accessibility_needs = "Rollstuhl"
    people["ada"].public_listing = True
    people["ada"].save()

    response = client_for(organizer).get(url("export_csv", event))

    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="kk-organizer-registrations-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == HEADER
    ada = next(row for row in rows if row[0] == "Ada")
    assert ada[1:8] == [
        "ada@example.org",
        "Stadt",
        "Verwaltung",
        "registered",
        "Energie",
        "Mobilitaet",
        "Gruen",
    ]
    assert ada[8:12] == ["yes", "no", "no", "Rollstuhl"]
    assert ada[12]  # the consent time
    assert ada[13:17] == ["2026-01", "yes", "no", "de"]
    assert ada[17] == ""  # not checked in
    assert ada[18] == ""  # in no circle yet
    assert sorted(row[0] for row in rows[1:]) == ["Ada", "Ben", "Cem"]


def test_exports_follow_the_filter(client_for, organizer, event, people):
    response = client_for(organizer).get(url("export_csv", event), {"status": "waitlisted"})

    assert [row[0] for row in read_csv(response)[1:]] == ["Cem"]


def test_xlsx_has_the_same_rows_with_real_values(client_for, organizer, event, people):
    response = client_for(organizer).get(url("export_xlsx", event), {"role": "moderate"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response)
    assert rows[0] == HEADER
    (ada,) = rows[1:]
    assert ada[:8] == [
        "Ada",
        "ada@example.org",
        "Stadt",
        "Verwaltung",
        "registered",
        "Energie",
        "Mobilitaet",
        "Gruen",
    ]
    assert ada[8] is True and ada[9] is False
    assert isinstance(ada[12], datetime)


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_injection_is_neutralized_in_csv_and_xlsx(
    client_for, organizer, event, people, evil
):
    people["ben"].name = evil
    people["ben"].organization_name = evil
    people["ben"].save()
    client = client_for(organizer)

    csv_row = next(r for r in read_csv(client.get(url("export_csv", event)))[1:] if evil in r[0])
    xlsx_row = next(
        r for r in read_xlsx(client.get(url("export_xlsx", event)))[1:] if evil in str(r[0])
    )

    assert csv_row[0] == "'" + evil
    assert csv_row[2] == "'" + evil
    assert xlsx_row[0] == "'" + evil  # text, not a formula


def test_neutralize_leaves_ordinary_values_alone():
    assert neutralize_formula("Anna") == "Anna"
    assert neutralize_formula(True) is True
    assert neutralize_formula("") == ""
    assert neutralize_formula("=1") == "'=1"


def test_checked_in_time_is_exported(client_for, organizer, event, people):
    client = client_for(organizer)
    client.post(url("set_checkin", event, pk=people["ada"].pk), {"checked_in": "1"})

    rows = read_csv(client.get(url("export_csv", event)))

    ada = next(row for row in rows if row[0] == "Ada")
    assert ada[17].startswith(str(datetime.now().year))


def test_both_exports_name_each_persons_circle(client_for, organizer, event, people):
    circle = CircleFactory(topic=event.topics.get(slug="energie"), index=1)
    CircleMember.objects.create(circle=circle, registration=people["ada"])
    client = client_for(organizer)
    for rows in (
        read_csv(client.get(url("export_csv", event))),
        read_xlsx(client.get(url("export_xlsx", event))),
    ):
        circle_column = rows[0].index("Circle")
        by_name = {row[0]: row[circle_column] for row in rows[1:]}
        assert by_name["Ada"] == circle.name
        assert not by_name["Ben"]
