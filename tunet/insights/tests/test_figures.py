"""The figures against small data sets counted by hand: attendance, incidents, approvals over time,
the IPT school and the public page."""

import datetime

import pytest
from django.utils import timezone

from tunet.accounts.access import StatisticsScope
from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval.models import ApprovalEvent, ApprovalStatus
from tunet.catalogue.models import ServiceArea
from tunet.daily.models import Attendance, AttendanceStatus, Incident, Severity
from tunet.insights import figures
from tunet.insights.models import AttendanceMonth
from tunet.insights.queries import Filters
from tunet.insights.tasks import refresh_attendance_months, run_daily
from tunet.learning.models import Certificate, Course

from .factories import HAUGESUND, SKIEN, agreement, buyer, farm, stays, today

pytestmark = pytest.mark.django_db

COUNTRY = StatisticsScope()
LAST_MONTH = Filters(start=today() - datetime.timedelta(days=30), end=today())


def attend(placement, statuses):
    """One registered day per status, on the days before today."""
    for n, status in enumerate(statuses, start=1):
        Attendance.objects.create(
            placement=placement,
            date=today() - datetime.timedelta(days=n),
            status=status,
            recorded_by=placement.referred_by,
        )


def cells(table, row):
    return [cell.text for cell in dict(table.rows)[row]]


def test_attendance_rates_for_five_participants_and_none_for_four():
    case_worker = buyer(SKIEN)
    _f, health = farm(SKIEN)
    _g, work = farm(SKIEN, area=ServiceArea.WORK, target_group="arbeidssokere")
    five = stays(case_worker, agreement(case_worker, health, places=5), 5)
    four = stays(case_worker, agreement(case_worker, work, target_group="arbeidssokere", places=4), 4)
    P, A, N, S, C = (
        AttendanceStatus.PRESENT,
        AttendanceStatus.ABSENT_NOTICE,
        AttendanceStatus.NO_SHOW,
        AttendanceStatus.SENT_HOME,
        AttendanceStatus.CLOSED,
    )
    # 5 people × 4 days: 14 present, 3 reported, 2 not, 1 sent home; a closed day is not counted.
    attend(five[0], [P, P, P, A, C])
    attend(five[1], [P, P, P, N])
    attend(five[2], [P, P, P, S])
    attend(five[3], [P, P, A, N])
    attend(five[4], [P, P, P, A])
    for placement in four:
        attend(placement, [P, N])
    assert figures.attendance_table(COUNTRY, LAST_MONTH).rows == []  # not added up yet: the daily task does
    run_daily.call()
    table = figures.attendance_table(COUNTRY, LAST_MONTH)
    assert cells(table, "Helse og omsorg") == ["5 eller flere", "70,0 %", "15,0 %", "10,0 %"]
    assert cells(table, "Arbeid og rehabilitering") == ["færre enn 5", "–", "–", "–"]


def test_incidents_by_severity_with_small_counts_hidden():
    case_worker = buyer(SKIEN)
    _f, offer = farm(SKIEN)
    placements = stays(case_worker, agreement(case_worker, offer, places=9), 9)
    for placement, severity in zip(
        placements, [Severity.LOW] * 6 + [Severity.MEDIUM] * 2 + [Severity.HIGH], strict=True
    ):
        Incident.objects.create(
            farm=offer.farm,
            placement=placement,
            occurred_at=timezone.now() - datetime.timedelta(days=2),
            severity=severity,
            what_happened="Skled i fjøset.",
            reported_by=placement.referred_by,
        )
    table = figures.incidents_table(COUNTRY, LAST_MONTH)
    assert len(table.columns) == 4  # minor, moderate, serious, total
    row = dict(table.rows)["Helse og omsorg"]
    assert row[0].text == "6"
    assert row[1].text == row[2].text == "færre enn 5"
    assert row[3].text == "9"  # the two hidden counts protect each other: 3 in total, not which is which


def test_new_and_lost_approvals_month_by_month():
    found, _offer = farm(HAUGESUND)
    approval = found.approval
    now = timezone.now()
    for days_ago, before, after in [
        (40, ApprovalStatus.PENDING, ApprovalStatus.APPROVED),
        (5, ApprovalStatus.APPROVED, ApprovalStatus.SUSPENDED),
        (3, ApprovalStatus.SUSPENDED, ApprovalStatus.APPROVED),
        (400, ApprovalStatus.PENDING, ApprovalStatus.APPROVED),  # before the period
    ]:
        ApprovalEvent.objects.create(
            approval=approval,
            from_status=before,
            to_status=after,
            reason="x",
            at=now - datetime.timedelta(days=days_ago),
        )
    period = Filters(start=today() - datetime.timedelta(days=60), end=today())
    table = figures.approvals_table(COUNTRY, period)
    assert [cell.text for cell in table.totals] == ["2", "1"]
    # Coordinators elsewhere count none of it.
    assert figures.approvals_table(StatisticsScope(counties=frozenset({"40"})), period).rows == []


def test_school_completions_by_the_county_of_the_farm():
    course = Course.objects.create(slug="ipt", title="Inn på tunet-skolen")
    for municipality in (SKIEN, SKIEN, HAUGESUND):
        found, _offer = farm(municipality)
        farmer = member(Role.FARMER, found.provider)
        Certificate.objects.create(user=farmer.user, course=course, full_name=farmer.user.full_name)
    table = figures.school_table(COUNTRY, LAST_MONTH)
    assert {label: cells[0].text for label, cells in table.rows} == {"Rogaland": "1", "Telemark": "2"}


def test_the_public_page_by_county():
    case_worker = buyer(SKIEN)
    _f, skien_offer = farm(SKIEN, places=4)  # Tuesdays and Thursdays
    farm(HAUGESUND, places=3, weekdays=(0, 1, 2))
    stays(case_worker, agreement(case_worker, skien_offer, places=2), 7)
    [table] = figures.public_tables(today())
    assert cells(table, "Telemark") == ["1", "1", "8", "7"]
    assert cells(table, "Rogaland") == ["1", "1", "9", "0"]
    assert [cell.text for cell in table.totals] == ["2", "2", "17", "7"]


def test_the_daily_summary_of_attendance_is_idempotent_and_keeps_closed_months():
    case_worker = buyer(SKIEN)
    _f, offer = farm(SKIEN)
    [placement] = stays(case_worker, agreement(case_worker, offer), 1, start=today() - datetime.timedelta(days=400))
    old = today().replace(day=1) - datetime.timedelta(days=200)
    Attendance.objects.create(
        placement=placement, date=old, status=AttendanceStatus.PRESENT, recorded_by=placement.referred_by
    )
    attend(placement, [AttendanceStatus.PRESENT, AttendanceStatus.NO_SHOW])
    assert refresh_attendance_months(None) >= 2
    run_daily.call()
    run_daily.call()
    months = {row.month: (row.present, row.no_show) for row in AttendanceMonth.objects.all()}
    assert months[old.replace(day=1)] == (1, 0)  # older than three months: kept as it was
    assert sum(present for present, _n in months.values()) == 2
    assert sum(no_show for _p, no_show in months.values()) == 1


def test_a_request_only_declined_is_unanswered_and_one_with_two_offers_counts_once():
    from decimal import Decimal

    from tunet.purchasing.models import PriceModel, Proposal, ProposalStatus, Request

    case_worker = buyer(SKIEN)
    _f, offer = farm(SKIEN)
    _g, other = farm(SKIEN)
    made = agreement(case_worker, offer)  # answered, agreed
    declined = Request.objects.create(
        buyer=case_worker.organisation,
        created_by=case_worker.user,
        title="Nei takk",
        service_area=ServiceArea.HEALTH,
        target_group=made.proposal.request.target_group,
        places=1,
        weekdays=[1],
        start=today(),
        answer_by=today(),
    )
    Proposal.objects.create(
        request=declined,
        farm=other.farm,
        status=ProposalStatus.DECLINED,
        decline_reason="Fullt",
        created_by=case_worker.user,
    )
    Proposal.objects.create(
        request=made.proposal.request,
        farm=other.farm,
        service_offer=other,
        status=ProposalStatus.REJECTED,
        price_model=PriceModel.PER_ATTENDED_DAY,
        price=Decimal(900),
        places=2,
        weekdays=[1],
        created_by=case_worker.user,
    )
    table = figures.requests_table(COUNTRY, LAST_MONTH)
    assert cells(table, "Helse og omsorg") == ["2", "1", "1", "1", "10"]


def test_four_areas_with_one_new_placement_each_are_withheld_not_called_hidden():
    case_worker = buyer(SKIEN)
    for area in (ServiceArea.EDUCATION, ServiceArea.WORK, ServiceArea.HEALTH, ServiceArea.PREVENTION):
        _f, offer = farm(SKIEN, area=area)
        stays(case_worker, agreement(case_worker, offer), 1, start=today() - datetime.timedelta(days=3))
    # Four «fewer than 5» and a total of 4: each would be 1. Nothing of it is shown.
    table = figures.stays_table(COUNTRY, LAST_MONTH)
    assert table.withheld
    assert all(cells[0].text == "–" for _label, cells in table.rows)


def test_check_in_averages_are_shown_for_five_answers_and_hidden_with_their_count():
    from tunet.portal.models import CheckIn

    case_worker = buyer(SKIEN)
    _f, health = farm(SKIEN)
    _g, work = farm(SKIEN, area=ServiceArea.WORK, target_group="arbeidssokere")
    five = stays(case_worker, agreement(case_worker, health, places=5), 5)
    four = stays(case_worker, agreement(case_worker, work, target_group="arbeidssokere", places=4), 4)
    period = today().replace(day=1)
    filters = Filters(start=period, end=today())

    def answer(placements):
        for n, placement in enumerate(placements):
            CheckIn.objects.create(
                placement=placement,
                period=period,
                enjoys=5,
                feels_safe=4,
                masters=3 + n % 2,
                recommends=5,
                answered_by=placement.referred_by,
            )

    answer(five)
    table = figures.check_ins_table(COUNTRY, filters)
    assert cells(table, str(ServiceArea.HEALTH.label)) == ["5", "5,0", "4,0", "3,4", "5,0"]
    answer(four)
    table = figures.check_ins_table(COUNTRY, filters)
    assert cells(table, str(ServiceArea.WORK.label)) == ["færre enn 5", "–", "–", "–", "–"]
    # Whatever else must be hidden so the four cannot be worked out, its averages are hidden with it.
    for _label, row in table.rows:
        assert row[0].value is not None or all(cell.text == "–" for cell in row[1:])
    assert table.totals[0].value is not None or all(cell.text == "–" for cell in table.totals[1:])
