"""The rules of the participant's own pages: invitations, consents, absence, messages, check-ins and
requests for correction."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import Role, User
from tunet.accounts.tests.factories import member
from tunet.care.models import Goal, GoalNote
from tunet.care.tests.factories import TUESDAY, deal_with_staff, next_weekday, participant, placed
from tunet.core.models import Notification
from tunet.core.rules import NotAllowed
from tunet.daily.models import Attendance, AttendanceStatus, ClosedDay, InvoiceBasis, InvoiceStatus
from tunet.portal import actions, queries
from tunet.portal.models import CheckIn, CheckInPlan, CorrectionRequest, Message, PortalAccess

from .factories import own_login, relative

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal():
    return deal_with_staff()


@pytest.fixture
def person(deal):
    return participant(deal.buyer, email="ola@example.org")


@pytest.fixture
def placement(deal, person):
    return placed(deal, person, weekdays=(TUESDAY,), start=timezone.localdate() - datetime.timedelta(days=60))


def _record(deal, person, **overrides):
    data = {
        "full_name": "Kari Nordmann",
        "email": "Kari@Example.org",
        "consent_from": "participant",
        "consent_on": timezone.localdate(),
        "relation": "søster",
        "sees_days": True,
        "reports_absence": True,
        **overrides,
    }
    return actions.do_record_relative(deal.buyer, person, **data)


def _link():
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/invitasjon/(\S+)/", body).group(1)


# --- Consent and invitations ---------------------------------------------------------------------------


def test_a_relative_is_recorded_with_consent_and_invited_by_an_email_without_names(
    deal, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant = _record(deal, person)
    assert grant.email == "kari@example.org"
    assert grant.user is None
    assert grant.recorded_by == deal.buyer.user
    message = mail.outbox[-1]
    assert message.to == ["kari@example.org"]
    assert person.first_name not in message.body
    assert person.last_name not in message.body
    assert "/invitasjon/" in message.body


def test_a_relative_needs_a_consent_that_covers_something(deal, person):
    with pytest.raises(NotAllowed):
        _record(deal, person, sees_days=False, reports_absence=False)
    with pytest.raises(NotAllowed):
        _record(deal, person, consent_on=timezone.localdate() + datetime.timedelta(days=1))


def test_the_same_relative_twice_is_refused(deal, person):
    _record(deal, person)
    with pytest.raises(NotAllowed):
        _record(deal, person, email="kari@example.org")
    assert PortalAccess.objects.count() == 1


def test_the_link_makes_a_login_once(client, deal, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grant = _record(deal, person)
    url = reverse("portal:invitation", args=[_link()])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password1": "kort", "password2": "kort"})
    assert response.status_code == 400
    assert not User.objects.filter(email="kari@example.org").exists()
    response = client.post(url, {"password1": "Hønsehus-i-sola-7", "password2": "Hønsehus-i-sola-7"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:overview", args=[person.pk])
    grant.refresh_from_db()
    assert grant.user.email == "kari@example.org"
    assert grant.invitation.used_at is not None
    client.logout()
    assert client.get(url).status_code == 410  # used
    assert client.post(url, {"password1": "x", "password2": "x"}).status_code == 410


def test_the_link_expires(client, deal, person, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        _record(deal, person)
    url = reverse("portal:invitation", args=[_link()])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS, minutes=1)):
        assert client.get(url).status_code == 410


def test_a_new_link_stops_the_old_one(client, deal, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grant = _record(deal, person)
    first = _link()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_send_new_invitation(deal.buyer, grant)
    assert client.get(reverse("portal:invitation", args=[first])).status_code == 410
    assert client.get(reverse("portal:invitation", args=[_link()])).status_code == 200


def test_withdrawing_the_consent_stops_the_link_and_the_access(
    client, deal, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant = _record(deal, person)
    link = _link()
    actions.do_withdraw_access(deal.buyer, grant)
    assert client.get(reverse("portal:invitation", args=[link])).status_code == 410
    # A new consent may then be recorded for the same e-mail.
    assert _record(deal, person).pk != grant.pk


def test_someone_with_a_login_takes_the_invitation_up_after_logging_in(
    client, deal, person, django_capture_on_commit_callbacks
):
    existing = member(Role.CASE_WORKER, email="kari@example.org").user
    with django_capture_on_commit_callbacks(execute=True):
        grant = _record(deal, person)
    url = reverse("portal:invitation", args=[_link()])
    assert "Logg inn" in client.get(url).content.decode()
    other = member(Role.CASE_WORKER).user
    client.force_login(other)
    client.post(url)
    grant.refresh_from_db()
    assert grant.user is None  # the link was sent to someone else
    client.force_login(existing)
    assert client.post(url)["Location"] == reverse("portal:overview", args=[person.pk])
    grant.refresh_from_db()
    assert grant.user == existing


def test_the_participant_gets_one_login(deal, person):
    first = actions.do_give_own_login(deal.buyer, person, email="ola@example.org")
    assert actions.do_give_own_login(deal.buyer, person, email="OLA@example.org") == first
    with pytest.raises(NotAllowed):
        actions.do_give_own_login(deal.buyer, person, email="annen@example.org")


def test_only_the_registering_buyer_records_consents(deal, person):
    with pytest.raises(PermissionDenied):
        actions.do_record_relative(
            deal.farmer,
            person,
            full_name="X",
            email="x@example.org",
            consent_from="participant",
            consent_on=timezone.localdate(),
            sees_days=True,
        )


# --- Jeg kommer ikke ---------------------------------------------------------------------------------------


def test_reported_absence_shows_on_the_farm_day_and_is_told_without_names(client, deal, person, placement):
    grant = relative(person)
    day = next_weekday(TUESDAY)
    actions.do_report_absence(grant, days=[(placement, day)], reason="sick")
    attendance = Attendance.objects.get(placement=placement, date=day)
    assert attendance.status == AttendanceStatus.ABSENT_NOTICE
    assert attendance.recorded_by == grant.user
    assert "pårørende" in attendance.note
    client.force_login(deal.farmer.user)
    page = client.get(reverse("daily:day_on", args=[day.isoformat()])).content.decode()
    assert "Meldt fravær" in page
    assert "Jeg er syk (meldt av en pårørende)" in page
    told = Notification.objects.filter(title__contains=day.strftime("%d.%m.%Y"))
    assert {n.user for n in told} >= {deal.farmer.user, deal.staff.user, deal.buyer.user}
    for notification in told:
        assert person.first_name not in notification.title + notification.body
    # The same report again changes nothing.
    actions.do_report_absence(grant, days=[(placement, day)], reason="sick")
    assert Attendance.objects.filter(placement=placement, date=day).count() == 1


def test_absence_cannot_be_reported_for_a_passed_day_a_day_off_or_a_sent_month(deal, person, placement):
    grant = own_login(person)
    with pytest.raises(NotAllowed):
        actions.do_report_absence(grant, days=[(placement, timezone.localdate() - datetime.timedelta(days=7))])
    with pytest.raises(NotAllowed):
        actions.do_report_absence(grant, days=[(placement, next_weekday(TUESDAY) + datetime.timedelta(days=1))])
    day = next_weekday(TUESDAY, after=timezone.localdate() + datetime.timedelta(days=40))
    InvoiceBasis.objects.create(
        agreement=placement.agreement,
        month=day.replace(day=1),
        status=InvoiceStatus.SENT,
        total=0,
        sent_at=timezone.now(),
        sent_by=deal.farmer.user,
    )
    with pytest.raises(NotAllowed):
        actions.do_report_absence(grant, days=[(placement, day)])


def test_absence_on_a_closed_day_is_not_recorded(deal, person, placement):
    day = next_weekday(TUESDAY)
    ClosedDay.objects.create(farm=placement.agreement.farm, date=day, created_by=deal.farmer.user)
    assert actions.do_report_absence(own_login(person), days=[(placement, day)]) == []


def test_a_relative_without_the_absence_consent_cannot_report(deal, person, placement):
    with pytest.raises(PermissionDenied):
        actions.do_report_absence(relative(person, consents=("sees_days",)), days=[(placement, next_weekday(TUESDAY))])


def test_an_absence_can_be_taken_back_by_who_reported_it(deal, person, placement):
    grant = own_login(person)
    day = next_weekday(TUESDAY)
    actions.do_report_absence(grant, days=[(placement, day)])
    with pytest.raises(NotAllowed):
        actions.do_take_back_absence(relative(person), placement, day=day)
    actions.do_take_back_absence(grant, placement, day=day)
    assert not Attendance.objects.filter(placement=placement, date=day).exists()


def test_the_absence_form_reports_the_chosen_days(client, deal, person, placement):
    grant = own_login(person)
    client.force_login(grant.user)
    days = [next_weekday(TUESDAY), next_weekday(TUESDAY) + datetime.timedelta(days=7)]
    url = reverse("portal:absence", args=[person.pk])
    assert client.post(url, {}).status_code == 400  # no day chosen: the form says so
    response = client.post(url, {"days": [f"{placement.pk}:{d.isoformat()}" for d in days], "reason": ""})
    assert response.status_code == 302
    assert set(Attendance.objects.filter(placement=placement).values_list("date", flat=True)) == set(days)


# --- Mine mål, meldinger, hvordan går det, opplysninger --------------------------------------------------


def test_only_shared_goals_and_notes_are_shown(deal, person, placement):
    shared = Goal.objects.create(placement=placement, title="Delt", shared=True, created_by=deal.buyer.user)
    Goal.objects.create(placement=placement, title="Ikke delt", created_by=deal.buyer.user)
    GoalNote.objects.create(goal=shared, text="Vist", shared=True, by=deal.farmer.user)
    GoalNote.objects.create(goal=shared, text="Internt", by=deal.farmer.user)
    goals = queries.shared_goals(person)
    assert [g.title for g in goals] == ["Delt"]
    assert [n.text for n in goals[0].shared_notes] == ["Vist"]


def test_the_case_worker_shares_a_goal_and_a_note_from_the_placement_page(client, deal, person, placement):
    goal = Goal.objects.create(placement=placement, title="Mål", created_by=deal.buyer.user)
    client.force_login(deal.buyer.user)
    url = reverse("care:goal_note", args=[placement.pk, goal.pk])
    client.post(url, {"status": "working", "goal_shared": "on", "text": "Bra dag", "shared": "on"})
    goal.refresh_from_db()
    assert goal.shared
    assert goal.notes.get().shared
    # A new status alone is a change, saved without asking for a note.
    response = client.post(url, {"status": "achieved", "goal_shared": "on"}, follow=True)
    goal.refresh_from_db()
    assert goal.status == "achieved"
    assert "Skriv notatet" not in response.content.decode()


def test_messages_go_both_ways_and_tell_without_content(deal, person, placement):
    grant = relative(person)
    message = actions.do_write_message(grant, placement, text="Kan hun komme kl. 10 i morgen?")
    assert message.author_label.startswith("Kari Pårørende, pårørende")
    assert actions.do_write_message(grant, placement, text="Kan hun komme kl. 10 i morgen?") == message
    answer = actions.do_answer_message(deal.farmer, placement, text="Ja, det går fint.")
    assert answer.author_label == deal.farm.provider.name
    told = Notification.objects.filter(user=grant.user).get()
    assert "kl. 10" not in told.title + told.body
    assert "Ja" not in told.title + told.body
    with pytest.raises(PermissionDenied):
        actions.do_write_message(relative(person, consents=("sees_days",)), placement, text="Hei")
    assert Message.objects.count() == 2


def test_a_check_in_is_answered_once_per_period(deal, person, placement):
    grant = own_login(person)
    answers = {"enjoys": 5, "feels_safe": 4, "masters": 3, "recommends": 5}
    first = actions.do_answer_check_in(grant, placement, **answers, comment="Fint")
    assert actions.do_answer_check_in(grant, placement, **answers) == first
    assert queries.check_in_due(placement, timezone.localdate()) is None
    with pytest.raises(NotAllowed):
        actions.do_answer_check_in(grant, placement, **{**answers, "enjoys": 9})
    CheckInPlan.objects.create(placement=placement, every_months=0)
    CheckIn.objects.all().delete()
    with pytest.raises(NotAllowed):
        actions.do_answer_check_in(grant, placement, **answers)


def test_check_in_periods_follow_the_plan():
    from tunet.care.models import Placement

    placement = Placement(start=datetime.date(2026, 2, 10))
    assert queries.period_of(placement, datetime.date(2026, 2, 11), 1) == datetime.date(2026, 2, 1)
    assert queries.period_of(placement, datetime.date(2026, 5, 1), 3) == datetime.date(2026, 5, 1)
    assert queries.period_of(placement, datetime.date(2026, 4, 30), 3) == datetime.date(2026, 2, 1)
    assert queries.period_of(placement, datetime.date(2027, 1, 3), 2) == datetime.date(2026, 12, 1)
    assert queries.period_of(placement, datetime.date(2026, 1, 1), 1) is None
    assert queries.period_of(placement, datetime.date(2026, 3, 1), 0) is None


def test_a_correction_request_reaches_the_case_worker(client, deal, person):
    grant = own_login(person)
    request = actions.do_ask_for_correction(grant, text="Telefonnummeret er feil.")
    assert Notification.objects.filter(user=deal.buyer.user, url=reverse("portal:manage", args=[person.pk])).exists()
    client.force_login(deal.buyer.user)
    assert "Telefonnummeret er feil." in client.get(reverse("portal:manage", args=[person.pk])).content.decode()
    client.post(reverse("portal:correction", args=[person.pk, request.pk]))
    assert CorrectionRequest.objects.get().handled_by == deal.buyer.user


def test_a_relative_never_sees_a_protected_address_unless_allowed(client, deal):
    person = participant(deal.buyer, protected=True, street_address="Hemmelig vei 1")
    placed(deal, person, weekdays=(TUESDAY,))
    for grant, shown in (
        (relative(person, consents=("sees_days", "sees_records")), False),
        (relative(person, consents=("sees_days", "sees_records"), shows_protected_address=True), True),
        (own_login(person), True),
    ):
        client.force_login(grant.user)
        page = client.get(reverse("portal:records", args=[person.pk])).content.decode()
        assert ("Hemmelig vei 1" in page) is shown


def test_who_has_seen_lists_the_farm_the_relative_and_the_participant(client, deal, person, placement):
    grant = own_login(person)
    kin = relative(person)
    client.force_login(deal.farmer.user)
    client.get(reverse("care:participant", args=[person.pk]))
    client.force_login(kin.user)
    client.get(reverse("portal:farm_days", args=[person.pk]))
    client.force_login(grant.user)
    page = client.get(reverse("portal:looks", args=[person.pk])).content.decode()
    assert deal.farmer.user.full_name in page
    assert deal.farm.provider.name in page
    assert "Kari Pårørende" in page
    assert "(pårørende)" in page
    assert "<strong>Du</strong>" in page


# --- Constant queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["overview", "farm_days", "absence", "goals", "looks", "messages", "records", "contact", "check_in"]
)
def test_the_pages_run_the_same_number_of_queries_whatever_the_data(
    client, deal, person, placement, name, django_assert_max_num_queries
):
    grant = own_login(person)
    client.force_login(grant.user)
    url = reverse(f"portal:{name}", args=[person.pk])
    # One of everything first: an empty list skips its prefetch, which is not what is measured.
    goal = Goal.objects.create(placement=placement, title="Første", shared=True, created_by=deal.buyer.user)
    GoalNote.objects.create(goal=goal, text="Notat", shared=True, by=deal.farmer.user)
    Message.objects.create(placement=placement, author=deal.farmer.user, author_label="Gården", text="Hei")
    client.get(url)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries_run:
            assert client.get(url).status_code == 200
        return len(queries_run)

    small = count()
    for n in range(6):
        goal = Goal.objects.create(placement=placement, title=f"Mål {n}", shared=True, created_by=deal.buyer.user)
        GoalNote.objects.create(goal=goal, text="Notat", shared=True, by=deal.farmer.user)
        Message.objects.create(placement=placement, author=deal.farmer.user, author_label="Gården", text=f"Hei {n}")
        client.get(reverse("portal:contact", args=[person.pk]))  # more rows in the access log
    placed(deal_with_staff(buyer_membership=deal.buyer), person, weekdays=(TUESDAY,))
    assert count() == small
