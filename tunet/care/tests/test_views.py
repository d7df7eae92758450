"""Every participant page: the permission matrix, and an access-log row for each read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import AccessLogEntry, Role
from tunet.accounts.tests.factories import member
from tunet.care.models import Goal, Participant, PlacementChange, PlacementStatus, RiskAssessment

from .factories import deal_with_staff, participant, placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A municipality's participant placed on a farm, and everyone who should or should not see it."""
    deal = deal_with_staff()
    person = participant(deal.buyer)
    placement = placed(deal, person)
    goal = Goal.objects.create(placement=placement, title="Trives i fjøset", created_by=deal.buyer.user)
    change = PlacementChange.objects.create(
        placement=placement,
        kind="extend",
        reason="Går godt",
        new_end=timezone.localdate() + datetime.timedelta(days=400),
        proposed_by=deal.farmer.user,
    )
    other = deal_with_staff()
    return {
        "deal": deal,
        "person": person,
        "placement": placement,
        "goal": goal,
        "change": change,
        "people": {
            "buyer": deal.buyer,
            "farmer": deal.farmer,
            "staff": deal.staff,
            "other_buyer": other.buyer,
            "other_farmer": other.farmer,
            "approval": member(Role.APPROVAL_OFFICER),
            "auditor": member(Role.AUDITOR),
            "nav": member(Role.NAV_ADVISER),
        },
    }


def login(client, membership):
    client.force_login(membership.user)
    return membership


# (url name, kwargs maker, who gets 200, what the log says)
READS = [
    ("care:participant", lambda w: {"pk": w["person"].pk}, {"buyer", "farmer", "staff"}, "deltakeropplysninger"),
    ("care:participant_edit", lambda w: {"pk": w["person"].pk}, {"buyer"}, "deltakeropplysninger (endre)"),
    ("care:participant_named", lambda w: {"pk": w["person"].pk}, {"buyer"}, "navngitte personer"),
    ("care:participant_refer", lambda w: {"pk": w["person"].pk}, {"buyer"}, "henvisning"),
    ("care:risk", lambda w: {"pk": w["person"].pk}, {"buyer", "farmer", "staff"}, "risikovurdering"),
    ("care:access_log", lambda w: {"pk": w["person"].pk}, {"buyer"}, "tilgangslogg"),
    ("care:placement", lambda w: {"pk": w["placement"].pk}, {"buyer", "farmer", "staff"}, "plass"),
    ("care:placement_end", lambda w: {"pk": w["placement"].pk}, {"buyer"}, "avslutte en plass"),
]
EVERYONE = ["buyer", "farmer", "staff", "other_buyer", "other_farmer", "approval", "auditor", "nav"]


@pytest.mark.parametrize(("name", "kwargs", "allowed", "action"), READS, ids=[r[0] for r in READS])
@pytest.mark.parametrize("who", EVERYONE)
def test_reads_are_allowed_only_to_the_right_people_and_logged(client, world, name, kwargs, allowed, action, who):
    membership = login(client, world["people"][who])
    response = client.get(reverse(name, kwargs=kwargs(world)))
    entries = AccessLogEntry.objects.filter(subject_id=str(world["person"].pk))
    if who in allowed:
        assert response.status_code == 200
        entry = entries.get()
        assert (entry.actor, entry.organisation, entry.subject_label, entry.action) == (
            membership.user,
            membership.organisation,
            str(world["person"]),
            action,
        )
    else:
        assert response.status_code == 403
        assert not entries.exists()


@pytest.mark.parametrize(("name", "kwargs", "allowed", "action"), READS, ids=[r[0] for r in READS])
def test_anonymous_is_sent_to_log_in(client, world, name, kwargs, allowed, action):
    response = client.get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_participant_list_shows_and_logs_only_ones_own(client, world, who):
    membership = login(client, world["people"][who])
    response = client.get(reverse("care:participants"))
    sees = who in {"buyer", "farmer", "staff"}
    if who in {"approval", "auditor"}:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert (world["person"].last_name in response.content.decode()) is sees
    entries = AccessLogEntry.objects.filter(subject_id=str(world["person"].pk))
    if sees:
        entry = entries.get()
        assert (entry.actor, entry.organisation, entry.action) == (
            membership.user,
            membership.organisation,
            "deltakerliste",
        )
    else:
        assert not entries.exists()


POSTS = [
    ("care:placement_accept", lambda w: {"pk": w["placement"].pk}, {}, {"farmer"}),
    ("care:placement_decline", lambda w: {"pk": w["placement"].pk}, {"reason": "Fullt"}, {"farmer"}),
    ("care:change_propose", lambda w: {"pk": w["placement"].pk}, {"kind": "end"}, {"farmer"}),
    (
        "care:change_decide",
        lambda w: {"pk": w["placement"].pk, "change_pk": w["change"].pk},
        {"decision": "reject"},
        {"buyer"},
    ),
    ("care:goal_add", lambda w: {"pk": w["placement"].pk}, {"title": "Nytt mål"}, {"buyer", "farmer", "staff"}),
    (
        "care:goal_note",
        lambda w: {"pk": w["placement"].pk, "goal_pk": w["goal"].pk},
        {"text": "Bra dag", "status": "working"},
        {"buyer", "farmer", "staff"},
    ),
]


@pytest.mark.parametrize(("name", "kwargs", "data", "allowed"), POSTS, ids=[p[0] for p in POSTS])
@pytest.mark.parametrize("who", EVERYONE)
def test_changes_are_refused_to_the_wrong_people(client, world, name, kwargs, data, allowed, who):
    login(client, world["people"][who])
    response = client.post(reverse(name, kwargs=kwargs(world)), data)
    if who in allowed:
        assert response.status_code in (200, 302, 400)
    else:
        assert response.status_code == 403


def test_a_declined_referral_is_no_longer_the_farms_business(client, world):
    world["placement"].status = PlacementStatus.DECLINED
    world["placement"].decline_reason = "Fullt"
    world["placement"].save()
    login(client, world["people"]["farmer"])
    assert client.get(reverse("care:participant", args=[world["person"].pk])).status_code == 403
    assert client.get(reverse("care:placement", args=[world["placement"].pk])).status_code == 403


def test_farm_writes_a_risk_assessment_and_its_revision_is_kept(client, world):
    farmer = login(client, world["people"]["farmer"])
    url = reverse("care:risk", args=[world["person"].pk])
    data = {"hazards": "Oksen", "measures": "Aldri alene i fjøset", "reviewed_on": "2026-01-05", "reviewed_with": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "hazards": "Oksen og traktoren"}).status_code == 302
    assessment = RiskAssessment.objects.get(participant=world["person"], farm=world["deal"].farm)
    assert assessment.hazards == "Oksen og traktoren"
    assert assessment.updated_by == farmer.user
    assert list(assessment.revisions.values_list("hazards", flat=True)) == ["Oksen"]
    login(client, world["people"]["buyer"])
    assert "Oksen og traktoren" in client.get(url).content.decode()


def test_access_log_page_lists_who_looked(client, world):
    login(client, world["people"]["staff"])
    client.get(reverse("care:participant", args=[world["person"].pk]))
    login(client, world["people"]["buyer"])
    page = client.get(reverse("care:access_log", args=[world["person"].pk])).content.decode()
    assert world["people"]["staff"].user.full_name in page
    assert world["people"]["staff"].organisation.name in page
    assert "deltakeropplysninger" in page


def test_a_protected_participants_contact_details_stay_out_of_the_edit_form_for_someone_not_named(client, world):
    """The edit form would otherwise put the address and phone in its fields for every case worker."""
    person = world["person"]
    person.protected = True
    person.street_address = "Hemmeligvegen 7"
    person.phone = "987 65 432"
    person.save()
    colleague = login(client, member(Role.CASE_WORKER, world["deal"].buyer.organisation))
    url = reverse("care:participant_edit", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Hemmeligvegen" not in page
    assert "987 65 432" not in page
    assert "Skjermet" in page
    # Saving the rest keeps the address and phone as they were.
    data = {"first_name": person.first_name, "last_name": "Nyttnavn", "birth_year": 1950, "protected": "on"}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.street_address, person.phone) == ("Nyttnavn", "Hemmeligvegen 7", "987 65 432")
    # A named person edits them as before.
    person.named_people.add(colleague.user)
    assert "Hemmeligvegen 7" in client.get(url).content.decode()


def test_registering_the_same_person_twice_by_a_double_click_registers_them_once(client, world):
    buyer = login(client, world["people"]["buyer"])
    data = {"first_name": "Ola", "last_name": "Dobbeltklikk", "birth_year": 1948, "street_address": "Tunvegen 1"}
    first = client.post(reverse("care:participant_new"), data)
    second = client.post(reverse("care:participant_new"), data)
    registered = Participant.objects.get(last_name="Dobbeltklikk")
    assert first["Location"] == second["Location"] == reverse("care:participant", args=[registered.pk])
    assert registered.buyer == buyer.organisation
    # Another person with another year of birth is registered as well.
    client.post(reverse("care:participant_new"), {**data, "birth_year": 1975})
    assert Participant.objects.filter(last_name="Dobbeltklikk").count() == 2
