"""«I dag»: who may open it, one tap per participant, closed days, absence ahead of time, the
access log, and a query count that does not grow with the number of participants."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import AccessLogEntry, Role
from tunet.accounts.tests.factories import member
from tunet.care.models import Participant
from tunet.daily import actions
from tunet.daily.models import Attendance, AttendanceStatus, ClosedDay, DayNote, InvoiceBasis, InvoiceStatus
from tunet.daily.tests.factories import farm_day, outsiders

pytestmark = pytest.mark.django_db


def as_(client, membership):
    client.force_login(membership.user)
    return client


def logged(participants, user, action="Gårdsdagen"):
    """How many access-log rows say that user read each participant's data (participant -> count)."""
    kind = ContentType.objects.get_for_model(Participant)
    return {
        p.pk: AccessLogEntry.objects.filter(actor=user, subject_type=kind, subject_id=str(p.pk), action=action).count()
        for p in participants
    }


@pytest.fixture
def d():
    return farm_day(3)


def today_url():
    return reverse("daily:day")


def tap_url(placement, day=None):
    return reverse("daily:attendance", args=[(day or timezone.localdate()).isoformat(), placement.pk])


# --- Who may open it ----------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(today_url())
    assert response.status_code == 302
    assert "logg-inn" in response["Location"]


@pytest.mark.parametrize("who", ["farmer", "staff"])
def test_the_farms_people_see_the_day_and_each_read_is_logged(client, d, who):
    membership = getattr(d, who)
    response = as_(client, membership).get(today_url())
    assert response.status_code == 200
    page = response.content.decode()
    for placement in d.placements:
        assert placement.participant.last_name in page
        assert placement.participant.street_address in page
    people = [p.participant for p in d.placements]
    assert logged(people, membership.user) == {p.pk: 1 for p in people}
    entry = AccessLogEntry.objects.filter(actor=membership.user).first()
    assert entry.organisation == membership.organisation
    assert entry.path == today_url()


@pytest.mark.parametrize("who", ["case_worker", "other_municipality", "approval_officer", "auditor"])
def test_nobody_outside_the_farm_sees_its_day(client, d, who):
    people = {**outsiders(), "case_worker": d.case_worker}
    membership = people[who]
    assert as_(client, membership).get(today_url()).status_code == 403
    placement = d.placements[0]
    assert as_(client, membership).post(tap_url(placement), {"status": "present"}).status_code == 403
    assert not Attendance.objects.exists()
    assert not AccessLogEntry.objects.filter(actor=membership.user).exists()


def test_another_farm_sees_its_own_empty_day_and_cannot_touch_ours(client, d):
    other = outsiders()["other_farm"]
    page = as_(client, other).get(today_url()).content.decode()
    assert all(p.participant.last_name not in page for p in d.placements)
    assert as_(client, other).post(tap_url(d.placements[0]), {"status": "present"}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_cards_come_in_pick_up_order(client, d):
    page = as_(client, d.farmer).get(today_url()).content.decode()
    ordered = sorted(d.placements, key=lambda p: p.pickup_order)
    positions = [page.index(p.participant.last_name) for p in ordered]
    assert positions == sorted(positions)


def test_a_protected_participants_address_is_shown_only_to_the_people_named(client, d):
    protected = d.placements[0].participant
    protected.protected = True
    protected.save()
    protected.named_people.add(d.staff.user)
    farmer_page = as_(client, d.farmer).get(today_url()).content.decode()
    assert protected.street_address not in farmer_page
    assert "Skjermet" in farmer_page
    staff_page = as_(client, d.staff).get(today_url()).content.decode()
    assert protected.street_address in staff_page


# --- The same number of queries for 5 and 50 participants ---------------------------------------------------


def test_the_day_costs_the_same_queries_for_5_and_50_participants(client, django_assert_num_queries):
    small = farm_day(5)
    as_(client, small.farmer)
    client.get(today_url())  # warm the content-type cache as a running server has
    with CaptureQueriesContext(connection) as five:
        assert client.get(today_url()).status_code == 200
    # Counted now: the next request clears the connection's query log.
    queries_for_five = len(five.captured_queries)
    large = farm_day(50)
    for placement in large.placements[:20]:
        actions.do_record_attendance(large.farmer, placement, timezone.localdate(), AttendanceStatus.PRESENT)
    as_(client, large.farmer)
    client.get(today_url())
    with django_assert_num_queries(queries_for_five):
        response = client.get(today_url())
    assert response.content.decode().count('class="day-card ds-card"') == 50


# --- One tap ------------------------------------------------------------------------------------------------


def test_one_tap_with_htmx_swaps_only_the_card(client, d):
    placement = d.placements[0]
    response = as_(client, d.staff).post(
        tap_url(placement), {"status": "present", "hours": "5.5"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article class="day-card ds-card" id="card-{placement.pk}"')
    assert "<html" not in html
    assert 'aria-pressed="true"' in html
    assert "Lagret" in html
    row = Attendance.objects.get()
    assert (row.placement, row.status, row.hours, row.recorded_by) == (placement, "present", 5.5, d.staff.user)
    assert logged([placement.participant], d.staff.user) == {placement.participant.pk: 1}


def test_a_double_submit_is_harmless_and_a_new_status_updates(client, d):
    placement = d.placements[1]
    as_(client, d.farmer)
    for _ in range(2):
        client.post(tap_url(placement), {"status": "present"}, HTTP_HX_REQUEST="true")
    assert Attendance.objects.count() == 1
    client.post(tap_url(placement), {"status": "sent_home", "hours": "2"}, HTTP_HX_REQUEST="true")
    row = Attendance.objects.get()
    assert row.status == AttendanceStatus.SENT_HOME
    assert row.hours == 2
    client.post(tap_url(placement), {"status": "no_show", "hours": "3"}, HTTP_HX_REQUEST="true")
    row.refresh_from_db()
    assert row.status == AttendanceStatus.NO_SHOW
    assert row.hours is None


def test_without_javascript_the_form_post_reloads_the_page_at_the_card(client, d):
    placement = d.placements[2]
    response = as_(client, d.farmer).post(tap_url(placement), {"status": "absent_notice"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#card-{placement.pk}")
    assert Attendance.objects.get().status == AttendanceStatus.ABSENT_NOTICE
    page = client.get(today_url()).content.decode()
    assert "Meldt fravær" in page


def test_the_five_buttons_say_what_they_do_in_norwegian(client, d):
    page = as_(client, d.farmer).get(today_url()).content.decode()
    for label in ("Til stede", "Meldt fravær", "Ikke møtt", "Sendt hjem", "Stengt"):
        assert f">{label}<" in page
    assert [str(label) for label in AttendanceStatus.labels] == [
        "Til stede",
        "Meldt fravær",
        "Ikke møtt",
        "Sendt hjem",
        "Stengt",
    ]


def test_an_unknown_status_is_refused_and_nothing_is_saved(client, d):
    response = as_(client, d.farmer).post(tap_url(d.placements[0]), {"status": "asleep"}, HTTP_HX_REQUEST="true")
    assert "Velg" in response.content.decode()
    assert not Attendance.objects.exists()


# --- Closed days, other days and absence ahead of time ---------------------------------------------------------


def test_a_closed_day_shows_closed_for_everyone_and_can_be_opened_again(client, d):
    day = timezone.localdate()
    as_(client, d.farmer).post(reverse("daily:close", args=[day.isoformat()]), {"reason": "Storm"})
    assert ClosedDay.objects.get().reason == "Storm"
    page = client.get(today_url()).content.decode()
    assert page.count('data-color="neutral">Stengt</span>') == len(d.placements)
    assert 'name="status"' not in page
    assert "Storm" in page
    client.post(reverse("daily:reopen", args=[day.isoformat()]))
    assert not ClosedDay.objects.exists()
    assert 'name="status"' in client.get(today_url()).content.decode()


def test_an_earlier_day_is_registered_through_its_address(client, d):
    day = timezone.localdate() - datetime.timedelta(days=3)
    as_(client, d.farmer).post(tap_url(d.placements[0], day), {"status": "present"})
    assert Attendance.objects.get().date == day
    page = client.get(reverse("daily:day_on", args=[day.isoformat()])).content.decode()
    assert 'aria-pressed="true"' in page


def test_ahead_of_time_only_an_absence_can_be_registered(client, d):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    as_(client, d.farmer)
    client.post(tap_url(d.placements[0], tomorrow), {"status": "present"}, HTTP_HX_REQUEST="true")
    assert not Attendance.objects.exists()
    client.post(tap_url(d.placements[0], tomorrow), {"status": "absent_notice"}, HTTP_HX_REQUEST="true")
    assert Attendance.objects.get().status == AttendanceStatus.ABSENT_NOTICE
    page = client.get(reverse("daily:day_on", args=[tomorrow.isoformat()])).content.decode()
    assert 'value="present"' not in page
    assert 'value="absent_notice"' in page


def test_the_absence_page_registers_an_absence_for_a_later_date(client, d):
    placement = d.placements[0]
    day = timezone.localdate() + datetime.timedelta(days=5)
    as_(client, d.staff)
    page = client.get(reverse("daily:absence"))
    assert page.status_code == 200
    assert logged([placement.participant], d.staff.user, "Fravær på forhånd")[placement.participant.pk] == 1
    response = client.post(reverse("daily:absence"), {"placement": placement.pk, "date": day, "note": "Lege"})
    assert response.status_code == 302
    row = Attendance.objects.get()
    assert (row.date, row.status, row.note) == (day, AttendanceStatus.ABSENT_NOTICE, "Lege")
    past = client.post(reverse("daily:absence"), {"placement": placement.pk, "date": timezone.localdate()})
    assert past.status_code == 200
    assert Attendance.objects.count() == 1
    assert as_(client, d.case_worker).get(reverse("daily:absence")).status_code == 403


def test_a_day_the_participant_is_not_due_is_refused(client):
    d = farm_day(1, start=timezone.localdate() - datetime.timedelta(days=2))
    before_start = timezone.localdate() - datetime.timedelta(days=5)
    with pytest.raises(actions.NotAllowed):
        actions.do_record_attendance(d.farmer, d.placements[0], before_start, AttendanceStatus.PRESENT)


def test_the_days_note_is_saved_once_per_day(client, d):
    url = reverse("daily:day_note", args=[timezone.localdate().isoformat()])
    as_(client, d.farmer).post(url, {"activities": "Vedhogging", "note": "Fin dag"})
    client.post(url, {"activities": "Vedhogging og fôring", "note": "Fin dag"})
    note = DayNote.objects.get()
    assert note.activities == "Vedhogging og fôring"
    assert "Vedhogging og fôring" in client.get(today_url()).content.decode()


def test_a_sent_month_can_no_longer_change(client, d):
    day = timezone.localdate()
    InvoiceBasis.objects.create(
        agreement=d.agreement,
        month=day.replace(day=1),
        status=InvoiceStatus.SENT,
        total=0,
        sent_at=timezone.now(),
        sent_by=d.farmer.user,
    )
    response = as_(client, d.farmer).post(tap_url(d.placements[0]), {"status": "present"}, HTTP_HX_REQUEST="true")
    assert "fakturagrunnlaget" in response.content.decode().lower()
    assert not Attendance.objects.exists()


def _send_month(d, day):
    InvoiceBasis.objects.create(
        agreement=d.agreement,
        month=day.replace(day=1),
        status=InvoiceStatus.SENT,
        total=0,
        sent_at=timezone.now(),
        sent_by=d.farmer.user,
    )


def test_a_day_in_a_sent_month_can_no_longer_be_closed(client, d):
    """Closing a day changes the attendance report behind the frozen invoice basis; a credit note corrects it."""
    day = timezone.localdate()
    _send_month(d, day)
    with pytest.raises(actions.NotAllowed, match="fakturagrunnlaget"):
        actions.do_close_day(d.farmer, d.agreement.farm, day, "Storm")
    response = as_(client, d.farmer).post(
        reverse("daily:close", args=[day.isoformat()]), {"reason": "Storm"}, follow=True
    )
    assert "fakturagrunnlaget" in response.content.decode().lower()
    assert not ClosedDay.objects.exists()


def test_a_closed_day_in_a_sent_month_can_no_longer_be_reopened(client, d):
    day = timezone.localdate()
    actions.do_close_day(d.farmer, d.agreement.farm, day, "Storm")
    _send_month(d, day)
    with pytest.raises(actions.NotAllowed, match="fakturagrunnlaget"):
        actions.do_reopen_day(d.farmer, d.agreement.farm, day)
    as_(client, d.farmer).post(reverse("daily:reopen", args=[day.isoformat()]))
    assert ClosedDay.objects.get().reason == "Storm"
    # Another month is open as before.
    next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    actions.do_close_day(d.farmer, d.agreement.farm, next_month, "Jul")
    actions.do_reopen_day(d.farmer, d.agreement.farm, next_month)


def test_an_absence_the_rules_refuse_is_shown_at_the_date(client, d):
    """The refusal comes from the action (the month is invoiced), not from the form; it belongs to the
    date chosen, so that is where the page shows it."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    InvoiceBasis.objects.create(
        agreement=d.agreement,
        month=day.replace(day=1),
        status=InvoiceStatus.SENT,
        total=0,
        sent_at=timezone.now(),
        sent_by=d.farmer.user,
    )
    data = {"placement": d.placements[0].pk, "date": day, "note": ""}
    response = as_(client, d.farmer).post(reverse("daily:absence"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not response.context["form"].non_field_errors()
    assert not Attendance.objects.exists()


def test_the_header_links_to_today_for_farm_people_only(client, d):
    assert 'href="/i-dag/"' in as_(client, d.staff).get(reverse("accounts:start")).content.decode()
    assert 'href="/i-dag/"' not in as_(client, d.case_worker).get(reverse("accounts:start")).content.decode()
    officer = member(Role.APPROVAL_OFFICER)
    assert 'href="/i-dag/"' not in as_(client, officer).get(reverse("accounts:start")).content.decode()


def test_a_declined_referral_cannot_be_opened_through_the_attendance_tap(client, d):
    """The tap's card shows name, address and phone: for a referral the farm declined, that is no
    longer the farm's to read."""
    declined = d.placements[0]
    declined.status, declined.decline_reason = "declined", "Fullt"
    declined.save()
    response = as_(client, d.farmer).post(tap_url(declined), {"status": "present"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert declined.participant.street_address not in response.content.decode()
    assert not Attendance.objects.filter(placement=declined).exists()
    assert logged([declined.participant], d.farmer.user) == {declined.participant.pk: 0}
