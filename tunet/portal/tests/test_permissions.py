"""The permission matrix over every page of the participant's own pages and of the pages where the buyer
and the farm manage them, and an access-log row for every read."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import AccessLogEntry, Role
from tunet.accounts.tests.factories import member
from tunet.care.models import Goal
from tunet.care.tests.factories import deal_with_staff, participant, placed

from .factories import own_login, relative

pytestmark = pytest.mark.django_db

PERSON_PAGES = {
    # page: the consent it needs (None: any open way in)
    "overview": None,
    "farm_days": "sees_days",
    "absence": "reports_absence",
    "goals": "sees_goals",
    "contact": None,
    "looks": "sees_records",
    "records": "sees_records",
    "messages": "may_be_contacted",
    "check_in": "sees_days",
}


@pytest.fixture
def world():
    deal = deal_with_staff()
    person = participant(deal.buyer)
    placement = placed(deal, person, start=timezone.localdate().replace(day=1))
    Goal.objects.create(placement=placement, title="Trives i fjøset", shared=True, created_by=deal.buyer.user)
    other_person = participant(deal.buyer)
    placed(deal, other_person)
    other_deal = deal_with_staff()
    return {
        "deal": deal,
        "person": person,
        "placement": placement,
        "own": own_login(person),
        "other_own": own_login(other_person),
        "relative": relative(person),
        "no_goals": relative(person, consents=("sees_days",)),
        "withdrawn": relative(person, withdrawn_at=timezone.now(), withdrawn_by=deal.buyer.user),
        "other_deal": other_deal,
    }


def _status(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(f"portal:{name}", args=[pk])).status_code


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_the_participant_sees_every_page_of_their_own(client, world, name):
    assert _status(client, world["own"].user, name, world["person"].pk) == 200


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_another_participant_is_told_the_pages_do_not_exist(client, world, name):
    assert _status(client, world["other_own"].user, name, world["person"].pk) == 404


@pytest.mark.parametrize(("name", "consent"), PERSON_PAGES.items())
def test_a_relative_sees_what_the_consent_names_and_nothing_else(client, world, name, consent):
    expected = 200 if consent in (None, "sees_days", "reports_absence", "sees_goals", "may_be_contacted") else 403
    assert _status(client, world["relative"].user, name, world["person"].pk) == expected


@pytest.mark.parametrize(("name", "consent"), PERSON_PAGES.items())
def test_a_relative_without_the_goals_consent_does_not_see_goals(client, world, name, consent):
    expected = 200 if consent in (None, "sees_days") else 403
    assert _status(client, world["no_goals"].user, name, world["person"].pk) == expected


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_a_withdrawn_consent_ends_the_access_at_once(client, world, name):
    assert _status(client, world["withdrawn"].user, name, world["person"].pk) == 404


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_staff_of_any_organisation_have_no_way_in_to_the_participant_s_own_pages(client, world, name):
    for membership in (world["deal"].buyer, world["deal"].farmer, world["other_deal"].buyer):
        assert _status(client, membership.user, name, world["person"].pk) == 404


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_the_pages_need_a_login(client, world, name):
    response = client.get(reverse(f"portal:{name}", args=[world["person"].pk]))
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_each_page_logs_the_read_and_is_never_cached(client, world, name):
    grant = world["relative"] if PERSON_PAGES[name] in (None, "sees_days", "reports_absence") else world["own"]
    client.force_login(grant.user)
    before = AccessLogEntry.objects.filter(actor=grant.user).count()
    response = client.get(reverse(f"portal:{name}", args=[world["person"].pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    entry = AccessLogEntry.objects.filter(actor=grant.user).first()
    assert AccessLogEntry.objects.filter(actor=grant.user).count() == before + 1
    assert entry.subject_id == str(world["person"].pk)
    assert entry.organisation is None


def test_the_risk_assessment_and_incidents_are_not_part_of_the_pages(client, world):
    client.force_login(world["own"].user)
    assert client.get(reverse("care:risk", args=[world["person"].pk])).status_code == 403
    assert client.get(reverse("daily:incidents")).status_code == 403
    assert client.get(reverse("care:participant", args=[world["person"].pk])).status_code == 403


# --- The staff side ----------------------------------------------------------------------------------

STAFF_GET = ["manage", "withdraw"]


def _manage_url(name, world):
    pk = world["person"].pk
    if name == "withdraw":
        return reverse("portal:withdraw", args=[pk, world["relative"].pk])
    return reverse(f"portal:{name}", args=[pk])


@pytest.mark.parametrize("name", STAFF_GET)
def test_only_the_registering_buyer_manages_access(client, world, name):
    expected = {
        "buyer": 200,
        "farmer": 403,
        "staff": 403,
        "other buyer": 403,
        "approval officer": 403,
    }
    people = {
        "buyer": world["deal"].buyer,
        "farmer": world["deal"].farmer,
        "staff": world["deal"].staff,
        "other buyer": world["other_deal"].buyer,
        "approval officer": member(Role.APPROVAL_OFFICER),
    }
    for who, membership in people.items():
        client.force_login(membership.user)
        assert client.get(_manage_url(name, world)).status_code == expected[who], who


def test_the_participant_cannot_manage_their_own_access(client, world):
    client.force_login(world["own"].user)
    assert client.get(_manage_url("manage", world)).status_code == 403


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("own_login", lambda w: [w["person"].pk]),
        ("relative", lambda w: [w["person"].pk]),
        ("new_link", lambda w: [w["person"].pk, w["relative"].pk]),
        ("withdraw", lambda w: [w["person"].pk, w["relative"].pk]),
        ("plan", lambda w: [w["person"].pk, w["placement"].pk]),
    ],
)
def test_other_organisations_cannot_change_access(client, world, name, args):
    for membership in (world["deal"].farmer, world["other_deal"].buyer):
        client.force_login(membership.user)
        response = client.post(reverse(f"portal:{name}", args=args(world)), {"own-email": "x@example.org"})
        assert response.status_code == 403
    world["relative"].refresh_from_db()
    assert world["relative"].withdrawn_at is None


def test_messages_and_check_ins_are_for_the_placement_s_buyer_and_farm(client, world):
    url = reverse("portal:conversation", args=[world["placement"].pk])
    for membership, expected in (
        (world["deal"].buyer, 200),
        (world["deal"].farmer, 200),
        (world["deal"].staff, 200),
        (world["other_deal"].buyer, 403),
        (world["other_deal"].farmer, 403),
        (member(Role.AUDITOR), 403),
    ):
        client.force_login(membership.user)
        assert client.get(url).status_code == expected
    client.force_login(world["own"].user)
    assert client.get(url).status_code == 403
