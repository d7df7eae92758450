"""Incidents, follow-up meetings, the invoice basis with its downloads, and the monthly attendance
report: who may open each, what each action does, and the access-log row of every page that shows
participant data."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tunet.accounts.models import AccessLogEntry, Role
from tunet.accounts.tests.factories import member
from tunet.care.models import Participant
from tunet.core.models import Notification
from tunet.daily import actions, months
from tunet.daily.models import (
    AttendanceStatus,
    FollowUpMeeting,
    Incident,
    IncidentStatus,
    InvoiceBasis,
    InvoiceStatus,
    MeetingAction,
    Severity,
)
from tunet.daily.tests.factories import farm_day, outsiders

pytestmark = pytest.mark.django_db


def as_(client, membership):
    client.force_login(membership.user)
    return client


def log_rows(participant, user):
    kind = ContentType.objects.get_for_model(Participant)
    return AccessLogEntry.objects.filter(actor=user, subject_type=kind, subject_id=str(participant.pk))


@pytest.fixture
def d():
    return farm_day(2)


def people(d):
    return {"farmer": d.farmer, "staff": d.staff, "case_worker": d.case_worker, **outsiders()}


ALLOWED = ["farmer", "staff", "case_worker"]
REFUSED = ["other_farm", "other_municipality", "approval_officer", "auditor"]


def last_month():
    return timezone.localdate().replace(day=1) - datetime.timedelta(days=1)


def report(d, **fields):
    defaults = {
        "occurred_at": timezone.now() - datetime.timedelta(hours=1),
        "severity": Severity.MEDIUM,
        "what_happened": "Skled i fjøset og slo kneet.",
        "immediate_action": "Kjølte og ringte pårørende.",
    }
    return actions.do_report_incident(d.farmer, d.placements[0], **{**defaults, **fields})


# --- Incidents ----------------------------------------------------------------------------------------------


def test_reporting_an_incident_tells_the_buyers_people_without_naming_the_participant(client, d):
    member(Role.CASE_WORKER, d.case_worker.organisation)
    as_(client, d.staff)
    response = client.post(
        reverse("daily:incident_new"),
        {
            "placement": d.placements[0].pk,
            "occurred_at": (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "severity": "high",
            "what_happened": "Ble bitt av hunden.",
            "immediate_action": "Legevakt.",
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("daily:incident", args=[incident.pk])
    assert (incident.farm, incident.severity, incident.reported_by) == (d.farm, "high", d.staff.user)
    notice = Notification.objects.first()
    assert str(d.placements[0].participant.last_name) not in notice.title + notice.body


def test_an_incident_in_the_future_is_refused(client, d):
    with pytest.raises(actions.NotAllowed):
        report(d, occurred_at=timezone.now() + datetime.timedelta(hours=2))


@pytest.mark.parametrize("who", ALLOWED + REFUSED)
def test_who_sees_an_incident_and_the_log_row(client, d, who):
    incident = report(d)
    membership = people(d)[who]
    participant = d.placements[0].participant
    detail = as_(client, membership).get(reverse("daily:incident", args=[incident.pk]))
    listing = client.get(reverse("daily:incidents"))
    if who in ALLOWED:
        assert detail.status_code == 200
        assert participant.last_name in detail.content.decode()
        assert participant.last_name in listing.content.decode()
        assert set(log_rows(participant, membership.user).values_list("action", flat=True)) == {
            "Hendelse",
            "Hendelser",
        }
    else:
        assert detail.status_code == 403
        assert listing.status_code == 403 or participant.last_name not in listing.content.decode()
        assert not log_rows(participant, membership.user).exists()


def test_the_follow_up_is_recorded_by_the_buyer_or_the_farm(client, d):
    incident = report(d)
    as_(client, d.case_worker).post(reverse("daily:incident", args=[incident.pk]), {"text": "Samtale med fastlege."})
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.FOLLOWED_UP
    assert incident.followed_up_by == d.case_worker.user
    outsider = outsiders()["other_municipality"]
    assert as_(client, outsider).post(reverse("daily:incident", args=[incident.pk]), {"text": "x"}).status_code == 403


# --- Follow-up meetings ------------------------------------------------------------------------------------


def test_meetings_are_planned_at_the_agreements_frequency_once(client, d):
    first = timezone.localdate() + datetime.timedelta(days=10)
    url = reverse("daily:meetings", args=[d.agreement.pk])
    as_(client, d.farmer).post(url, {"first": first, "count": 3})
    client.post(url, {"first": first, "count": 3})  # a second click adds nothing
    dates = list(FollowUpMeeting.objects.values_list("scheduled_on", flat=True))
    # The test agreements meet every three months (the default frequency).
    assert dates == [first, months.add_months(first, 3), months.add_months(first, 6)]


def test_meeting_dates_follow_each_frequency():
    start = datetime.date(2025, 1, 31)
    assert months.meeting_dates("monthly", start, 3) == [start, datetime.date(2025, 2, 28), datetime.date(2025, 3, 31)]
    assert months.meeting_dates("yearly", start, 2, until=datetime.date(2025, 12, 31)) == [start]


@pytest.mark.parametrize("who", ALLOWED + REFUSED)
def test_who_keeps_the_meetings(client, d, who):
    meeting = actions.do_add_meeting(d.farmer, d.agreement, timezone.localdate(), placement=d.placements[1])
    membership = people(d)[who]
    participant = d.placements[1].participant
    as_(client, membership)
    pages = [reverse("daily:meetings", args=[d.agreement.pk]), reverse("daily:meeting", args=[meeting.pk])]
    codes = [client.get(url).status_code for url in pages]
    minutes = client.post(reverse("daily:meeting", args=[meeting.pk]), {"minutes-minutes": "Gode framsteg."})
    if who in ALLOWED:
        assert codes == [200, 200]
        assert minutes.status_code == 302
        meeting.refresh_from_db()
        assert meeting.held
        assert meeting.minutes == "Gode framsteg."
        assert log_rows(participant, membership.user).count() == 2  # the list and the meeting name them
    else:
        assert codes == [403, 403]
        assert minutes.status_code == 403
        assert not log_rows(participant, membership.user).exists()


def test_actions_have_an_owner_and_a_deadline_and_can_be_done(client, d):
    meeting = actions.do_add_meeting(d.farmer, d.agreement, timezone.localdate())
    url = reverse("daily:meeting", args=[meeting.pk])
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    as_(client, d.case_worker).post(
        url, {"action-text": "Søke om flere dager", "action-owner": "Kari (NAV)", "action-deadline": deadline}
    )
    action = MeetingAction.objects.get()
    assert (action.owner, action.deadline, action.done) == ("Kari (NAV)", deadline, False)
    client.post(reverse("daily:meeting_action_done", args=[meeting.pk, action.pk]), {"done": "1"})
    action.refresh_from_db()
    assert action.done


# --- The invoice basis -------------------------------------------------------------------------------------


def attend(d, month, statuses):
    """Register attendance on the first days of a month for the first placement."""
    for n, status in enumerate(statuses):
        actions.do_record_attendance(d.farmer, d.placements[0], month.replace(day=n + 1), status)


@pytest.fixture
def billed(d):
    month = last_month().replace(day=1)
    attend(d, month, [AttendanceStatus.PRESENT, AttendanceStatus.SENT_HOME, AttendanceStatus.NO_SHOW])
    return d, month


def invoice_url(d, month, fmt=None):
    if fmt:
        return reverse("daily:invoice_download", args=[d.agreement.pk, month.year, month.month, fmt])
    return reverse("daily:invoice", args=[d.agreement.pk, month.year, month.month])


def test_the_farm_sees_the_draft_and_the_buyer_only_what_is_sent(client, billed):
    d, month = billed
    participant = d.placements[0].participant
    page = as_(client, d.farmer).get(invoice_url(d, month)).content.decode()
    assert "1\xa0300,00" in page  # two attended days (present, sent home) × 650 (the test agreement's price)
    assert log_rows(participant, d.farmer.user).filter(action="Fakturagrunnlag").count() == 1
    buyer_page = as_(client, d.case_worker).get(invoice_url(d, month)).content.decode()
    assert "1\xa0300,00" not in buyer_page
    assert not log_rows(participant, d.case_worker.user).exists()
    assert client.get(invoice_url(d, month, "csv")).status_code == 404
    assert client.post(invoice_url(d, month)).status_code == 403  # the buyer cannot send
    as_(client, d.farmer).post(invoice_url(d, month))
    basis = InvoiceBasis.objects.get()
    assert basis.status == InvoiceStatus.SENT
    assert basis.total == Decimal("1300.00")
    assert "1\xa0300,00" in as_(client, d.case_worker).get(invoice_url(d, month)).content.decode()
    assert log_rows(participant, d.case_worker.user).count() == 1
    assert Notification.objects.filter(user=d.case_worker.user).exists()


def test_a_sent_basis_is_frozen_whatever_happens_later(client, billed):
    d, month = billed
    as_(client, d.farmer).post(invoice_url(d, month))
    # Price and attendance behind the sent figures change; the sent figures do not.
    with pytest.raises(actions.NotAllowed):
        actions.do_record_attendance(d.farmer, d.placements[1], month.replace(day=5), AttendanceStatus.PRESENT)
    client.post(invoice_url(d, month))  # sending again changes nothing
    assert InvoiceBasis.objects.get().total == Decimal("1300.00")
    assert "1\xa0300,00" in client.get(invoice_url(d, month)).content.decode()


def test_a_month_not_started_cannot_be_sent(client, d):
    later = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    as_(client, d.farmer).post(invoice_url(d, later))
    assert not InvoiceBasis.objects.exists()


def test_staff_read_the_basis_but_the_farmer_sends_it(client, billed):
    d, month = billed
    assert as_(client, d.staff).get(invoice_url(d, month)).status_code == 200
    assert client.post(invoice_url(d, month)).status_code == 403


@pytest.mark.parametrize("who", REFUSED)
def test_nobody_else_sees_the_invoice_basis(client, billed, who):
    d, month = billed
    membership = people(d)[who]
    as_(client, membership)
    assert client.get(invoice_url(d, month)).status_code == 403
    for fmt in ("csv", "xlsx", "pdf"):
        assert client.get(invoice_url(d, month, fmt)).status_code == 403
    assert not AccessLogEntry.objects.filter(actor=membership.user).exists()


def test_csv_is_for_norwegian_excel_and_logged(client, billed):
    d, month = billed
    response = as_(client, d.farmer).get(invoice_url(d, month, "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="fakturagrunnlag-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Avtale", "Måned", "Beskrivelse", "Antall", "Pris (kr)", "Beløp (kr)"]
    assert rows[1][3:] == ["2", "650,00", "1300,00"]
    assert rows[-1][2:] == ["Sum", "", "", "1300,00"]
    assert log_rows(d.placements[0].participant, d.farmer.user).filter(action__contains="CSV").count() == 1


def test_xlsx_and_pdf_download(client, billed):
    d, month = billed
    as_(client, d.farmer)
    workbook = load_workbook(io.BytesIO(client.get(invoice_url(d, month, "xlsx")).content))
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == ["Avtale", "Måned", "Beskrivelse", "Antall", "Pris (kr)", "Beløp (kr)"]
    assert sheet.cell(row=sheet.max_row, column=6).value == 1300
    pdf = client.get(invoice_url(d, month, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(invoice_url(d, month, "exe")).status_code == 404
    assert log_rows(d.placements[0].participant, d.farmer.user).count() == 2


# --- The monthly attendance report (NAV) -------------------------------------------------------------------


@pytest.mark.parametrize("who", ALLOWED + REFUSED)
def test_the_attendance_report_is_for_the_farm_and_the_buyer(client, billed, who):
    d, month = billed
    membership = people(d)[who]
    placement = d.placements[0]
    as_(client, membership)
    page = client.get(reverse("daily:attendance_report", args=[placement.pk, month.year, month.month]))
    pdf = client.get(reverse("daily:attendance_pdf", args=[placement.pk, month.year, month.month]))
    if who in ALLOWED:
        assert page.status_code == 200
        assert "Sendt hjem" in page.content.decode()
        assert pdf.content.startswith(b"%PDF")
        actions_logged = set(log_rows(placement.participant, membership.user).values_list("action", flat=True))
        assert actions_logged == {"Oppmøterapport", "Oppmøterapport, PDF"}
    else:
        assert (page.status_code, pdf.status_code) == (403, 403)
        assert not log_rows(placement.participant, membership.user).exists()


def test_the_attendance_report_counts_the_days(client, billed):
    from tunet.daily import queries

    d, month = billed
    actions.do_close_day(d.farmer, d.farm, month.replace(day=4))
    result = queries.attendance_report(d.placements[0], month)
    by_date = {row["date"]: row["status"] for row in result["rows"]}
    assert by_date[month.replace(day=1)] == "present"
    assert by_date[month.replace(day=4)] == "closed"
    assert {str(label): count for label, count in result["totals"]}["Ikke møtt"] == 1


def test_the_report_form_names_the_farms_participants_and_logs_them(client, d):
    page = as_(client, d.staff).get(reverse("daily:incident_new")).content.decode()
    for placement in d.placements:
        assert placement.participant.last_name in page
        assert log_rows(placement.participant, d.staff.user).filter(action="Meld en hendelse").count() == 1
    for who in ("case_worker", "other_municipality", "approval_officer", "auditor"):
        membership = people(d)[who]
        assert as_(client, membership).get(reverse("daily:incident_new")).status_code == 403
        assert not AccessLogEntry.objects.filter(actor=membership.user).exists()
    # Another farm gets its own form, with none of this farm's participants in it.
    other = people(d)["other_farm"]
    page = as_(client, other).get(reverse("daily:incident_new")).content.decode()
    assert all(p.participant.last_name not in page for p in d.placements)
    assert not AccessLogEntry.objects.filter(actor=other.user).exists()


def test_the_farm_cannot_read_the_attendance_report_of_a_referral_it_declined(client, d):
    declined = d.placements[0]
    declined.status, declined.decline_reason = "declined", "Fullt"
    declined.save()
    month = timezone.localdate()
    for name in ("daily:attendance_report", "daily:attendance_pdf"):
        url = reverse(name, args=[declined.pk, month.year, month.month])
        assert as_(client, d.farmer).get(url).status_code == 403
        assert as_(client, d.case_worker).get(url).status_code == 200
    assert not AccessLogEntry.objects.filter(actor=d.farmer.user).exists()


def test_a_report_sent_twice_is_one_incident_and_the_buyer_is_told_once(client, d):
    data = {
        "placement": d.placements[0].pk,
        "occurred_at": (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "severity": "high",
        "what_happened": "Ble bitt av hunden.",
        "immediate_action": "Legevakt.",
    }
    as_(client, d.farmer)
    first = client.post(reverse("daily:incident_new"), data)
    second = client.post(reverse("daily:incident_new"), data)
    incident = Incident.objects.get()
    assert first["Location"] == second["Location"] == reverse("daily:incident", args=[incident.pk])
    assert Notification.objects.filter(user=d.case_worker.user, url=second["Location"]).count() == 1
    # Another incident with the same participant is still its own.
    client.post(reverse("daily:incident_new"), {**data, "what_happened": "Falt i trappa."})
    assert Incident.objects.count() == 2


# --- Formulas in exports ------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("https://angriper.example";"Klikk")'


@pytest.mark.parametrize("first", [FORMULA, "+47 1", "-1+1", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_only_text_in_csv_and_xlsx(client, billed, first):
    """A participant's name is typed by a case worker; in a spreadsheet it must never run as a formula."""
    d, month = billed
    participant = d.placements[0].participant
    participant.first_name, participant.last_name = first, ""
    participant.save()
    as_(client, d.farmer)
    text = client.get(invoice_url(d, month, "csv")).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert not any(cell.startswith("-") and not cell[1:].replace(",", "").isdigit() for cell in cells)
    assert any(cell.startswith("'" + first) for cell in cells)
    assert rows[1][3:] == ["2", "650,00", "1300,00"]  # numbers stay numbers
    workbook = load_workbook(io.BytesIO(client.get(invoice_url(d, month, "xlsx")).content))
    written = [cell for row in workbook.active.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(cell.value.startswith(first) for cell in written)
    assert all(cell.data_type == "s" for cell in written)
