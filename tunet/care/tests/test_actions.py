"""The rules of referrals and placements: capacity, NAV end dates, changes, reminders, protection."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from stdnum.no import fodselsnummer

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.care import actions, forms, queries, tasks
from tunet.care.models import ChangeKind, PlacementStatus
from tunet.core.models import Notification
from tunet.core.rules import NotAllowed
from tunet.purchasing.tests.scene import buyer

from .factories import TUESDAY, deal_with_staff, participant, placed

pytestmark = pytest.mark.django_db


def _start(deal):
    return deal.agreement.versions.get().start


def test_accepting_beyond_the_agreements_places_is_refused():
    deal = deal_with_staff(places=1)
    first, second = participant(deal.buyer), participant(deal.buyer)
    one = actions.do_refer_participant(deal.buyer, first, deal.agreement, [TUESDAY], _start(deal))
    two = actions.do_refer_participant(deal.buyer, second, deal.agreement, [TUESDAY], _start(deal))
    actions.do_accept_referral(deal.farmer, one)
    with pytest.raises(NotAllowed, match="bare 0 ledige plasser på tirsdag"):
        actions.do_accept_referral(deal.farmer, two)
    two.refresh_from_db()
    assert two.status == PlacementStatus.REFERRED


def test_a_place_frees_up_when_the_other_placement_has_ended_by_then():
    deal = deal_with_staff(places=1)
    start = _start(deal)
    one = actions.do_refer_participant(deal.buyer, participant(deal.buyer), deal.agreement, [TUESDAY], start, start)
    actions.do_accept_referral(deal.farmer, one)
    later = actions.do_refer_participant(
        deal.buyer, participant(deal.buyer), deal.agreement, [TUESDAY], start + datetime.timedelta(days=7)
    )
    assert actions.do_accept_referral(deal.farmer, later).status == PlacementStatus.ACTIVE


def test_weekdays_must_be_days_the_agreement_has_places_on():
    deal = deal_with_staff()
    with pytest.raises(NotAllowed, match="ingen plasser på onsdag"):
        actions.do_refer_participant(deal.buyer, participant(deal.buyer), deal.agreement, [2], _start(deal))


def test_a_nav_placement_needs_a_planned_end():
    nav = member(Role.NAV_ADVISER)
    deal = deal_with_staff(buyer_membership=nav)
    person = participant(nav)
    with pytest.raises(NotAllowed, match="tidsbegrenset"):
        actions.do_refer_participant(nav, person, deal.agreement, [TUESDAY], _start(deal))
    form = forms.ReferralForm(
        {"agreement": deal.agreement.pk, "weekdays": [TUESDAY], "start": _start(deal).isoformat()},
        buyer=nav.organisation,
        time_limited=True,
    )
    assert "planned_end" in form.errors


def test_referring_twice_gives_the_same_referral_and_another_buyer_may_not_refer():
    deal = deal_with_staff()
    person = participant(deal.buyer)
    first = actions.do_refer_participant(deal.buyer, person, deal.agreement, [TUESDAY], _start(deal))
    assert actions.do_refer_participant(deal.buyer, person, deal.agreement, [TUESDAY], _start(deal)) == first
    with pytest.raises(PermissionDenied):
        actions.do_refer_participant(buyer(), person, deal.agreement, [TUESDAY], _start(deal))


def test_referral_notifies_the_farm_and_the_decision_notifies_the_buyer():
    deal = deal_with_staff()
    placement = actions.do_refer_participant(
        deal.buyer, participant(deal.buyer), deal.agreement, [TUESDAY], _start(deal)
    )
    assert Notification.objects.filter(user=deal.farmer.user, url=reverse("care:placement", args=[placement.pk]))
    actions.do_decline_referral(deal.farmer, placement, "Ingen som passer for Kari Testesen")
    told = Notification.objects.get(user=deal.buyer.user, title__contains="avslått")
    # Notifications go by e-mail too: the farm's free text, which may name the person, stays in Tunet.
    assert "Kari" not in told.body


def test_staff_may_not_decide_referrals():
    deal = deal_with_staff()
    placement = actions.do_refer_participant(
        deal.buyer, participant(deal.buyer), deal.agreement, [TUESDAY], _start(deal)
    )
    with pytest.raises(PermissionDenied):
        actions.do_accept_referral(deal.staff, placement)


def test_a_weekday_change_is_checked_against_capacity_when_the_buyer_approves():
    deal = deal_with_staff(places=1)
    start = _start(deal)
    on_tuesday = placed(deal, participant(deal.buyer), weekdays=[TUESDAY], start=start)
    on_thursday = placed(deal, participant(deal.buyer), weekdays=[3], start=start)
    change = actions.do_propose_change(
        deal.farmer, on_thursday, ChangeKind.CHANGE_WEEKDAYS, "Passer bedre", new_weekdays=[1]
    )
    with pytest.raises(NotAllowed, match="tirsdag"):
        actions.do_decide_change(deal.buyer, change, approve=True)
    on_thursday.refresh_from_db()
    assert on_thursday.weekdays == [3]
    assert on_tuesday.weekdays == [TUESDAY]


def test_an_approved_extension_moves_the_planned_end_and_a_second_decision_changes_nothing():
    deal = deal_with_staff()
    placement = placed(deal, participant(deal.buyer), planned_end=timezone.localdate() + datetime.timedelta(days=90))
    new_end = timezone.localdate() + datetime.timedelta(days=200)
    change = actions.do_propose_change(deal.farmer, placement, ChangeKind.EXTEND, "Går godt", new_end=new_end)
    assert actions.do_propose_change(deal.farmer, placement, ChangeKind.EXTEND, "Går godt", new_end=new_end) == change
    actions.do_decide_change(deal.buyer, change, approve=True)
    actions.do_decide_change(deal.buyer, change, approve=False)
    placement.refresh_from_db()
    change.refresh_from_db()
    assert placement.planned_end == new_end
    assert change.status == "approved"


def test_ending_in_the_future_keeps_the_place_until_then_and_the_daily_task_ends_it():
    deal = deal_with_staff()
    placement = placed(deal, participant(deal.buyer))
    last_day = timezone.localdate() + datetime.timedelta(days=10)
    actions.do_end_placement(deal.buyer, placement, "education", last_day, "Begynner på skole")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE
    tasks.run_daily.call((last_day + datetime.timedelta(days=1)).isoformat())
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ENDED
    assert placement.end_reason == "education"


def test_nav_placements_are_reminded_60_and_30_days_before_the_end_once_each():
    nav = member(Role.NAV_ADVISER)
    deal = deal_with_staff(buyer_membership=nav)
    end = datetime.date(2027, 6, 30)
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC), tick=False):
        placement = placed(deal, participant(nav), start=datetime.date(2027, 1, 5), planned_end=end)
    municipal = deal_with_staff()
    placed(municipal, participant(municipal.buyer), start=datetime.date(2027, 1, 5), planned_end=end)

    def reminders(user):
        return Notification.objects.filter(user=user, key__startswith=f"placement-{placement.pk}-end").count()

    with time_machine.travel(datetime.datetime(2027, 4, 30, 9, tzinfo=datetime.UTC), tick=False):  # 61 days
        tasks.run_daily.call()
    assert reminders(nav.user) == 0
    for day in (datetime.date(2027, 5, 1), datetime.date(2027, 5, 2), datetime.date(2027, 5, 31)):
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC), tick=False):
            tasks.run_daily.call()
    assert reminders(nav.user) == 2  # the 60-day one once, despite two runs, and the 30-day one
    assert reminders(deal.farmer.user) == 2
    assert not Notification.objects.filter(user=municipal.buyer.user, key__contains="-end-").exists()


def _valid_number(birth="150545"):
    """A checksum-valid test number for someone born on this date (1900s: individual number < 500)."""
    for individual in range(100, 500):
        nine = f"{birth}{individual:03d}"
        first = fodselsnummer.calc_check_digit1(nine)
        candidate = nine + first + fodselsnummer.calc_check_digit2(nine + first)
        if fodselsnummer.is_valid(candidate):
            return candidate
    raise AssertionError("no valid number")


def test_national_identity_number_is_validated_stored_as_digits_and_shown_masked():
    data = {"first_name": "Åse", "last_name": "Prøvesen", "birth_year": 1945}
    assert "national_id" in forms.ParticipantForm({**data, "national_id": "15054512345"}).errors
    valid = _valid_number()
    form = forms.ParticipantForm({**data, "national_id": f"{valid[:6]} {valid[6:]}"})
    assert form.is_valid(), form.errors
    person = form.save(commit=False)
    assert person.national_id == valid
    assert person.masked_national_id == valid[:6] + "*****"
    assert "national_id" in forms.ParticipantForm({**data, "birth_year": 1950, "national_id": valid}).errors


def test_the_stored_number_is_never_sent_back_and_an_empty_field_keeps_it():
    deal = deal_with_staff()
    valid = _valid_number()
    person = participant(deal.buyer, birth_year=1945, national_id=valid)
    form = forms.ParticipantForm(instance=person)
    assert valid not in str(form["national_id"])
    data = {"first_name": "Åse", "last_name": "Prøvesen", "birth_year": 1945, "national_id": ""}
    edited = forms.ParticipantForm(data, instance=person)
    assert edited.is_valid(), edited.errors
    assert edited.save().national_id == valid


def test_protected_details_are_hidden_from_people_not_named(client):
    deal = deal_with_staff()
    person = participant(deal.buyer, protected=True, street_address="Hemmeligvegen 7")
    placed(deal, person)
    actions.do_set_named_people(deal.buyer, person, [deal.farmer.user])
    for membership, sees in ((deal.farmer, True), (deal.staff, False), (deal.buyer, False)):
        client.force_login(membership.user)
        page = client.get(reverse("care:participant", args=[person.pk])).content.decode()
        listing = client.get(reverse("care:participants")).content.decode()
        assert ("Hemmeligvegen 7" in page) is sees
        assert ("Hemmeligvegen 7" in listing) is sees
        if not sees:
            assert "Skjermet" in page
            assert "Skjermet" in listing


def test_only_people_who_may_see_the_participant_can_be_named():
    deal = deal_with_staff()
    person = participant(deal.buyer, protected=True)
    with pytest.raises(NotAllowed):
        actions.do_set_named_people(deal.buyer, person, [member(Role.FARMER).user])


def test_participants_visible_to_each_side():
    deal, other = deal_with_staff(), deal_with_staff()
    mine = participant(deal.buyer)
    placed(deal, mine)
    theirs = participant(other.buyer)
    assert list(queries.participants_visible_to(deal.buyer)) == [mine]
    assert list(queries.participants_visible_to(deal.staff)) == [mine]
    assert list(queries.participants_visible_to(other.farmer)) == []
    assert list(queries.participants_visible_to(member(Role.APPROVAL_OFFICER))) == []
    assert theirs not in queries.participants_visible_to(deal.farmer)


def test_participant_list_query_count_is_constant(client):
    deal = deal_with_staff(places=50, offer_places=50)
    client.force_login(deal.buyer.user)

    def add(count):
        for n in range(count):
            person = participant(deal.buyer, protected=n % 3 == 0)
            person.named_people.add(deal.buyer.user)
            placed(deal, person)

    def queries_for_list():
        with CaptureQueriesContext(connection) as made:
            response = client.get(reverse("care:participants"))
        assert response.status_code == 200
        return len(made)

    add(5)
    five = queries_for_list()
    add(45)
    assert queries_for_list() == five
