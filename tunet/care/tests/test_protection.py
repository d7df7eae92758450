"""Protection («Skjermet») and the people named for a protected participant: who may change them, and
the trace every change leaves on the participant's «Hvem har sett» page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tunet.accounts import access
from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.care import actions
from tunet.core.rules import NotAllowed

from .factories import deal_with_staff, participant, placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def protected():
    """A protected participant; the case worker who registered them and the farmer are named, a colleague
    in the same municipality is not."""
    deal = deal_with_staff()
    person = participant(deal.buyer, protected=True, street_address="Hemmeligvegen 7")
    placed(deal, person)
    person.named_people.set([deal.buyer.user, deal.farmer.user])
    deal.colleague = member(Role.CASE_WORKER, deal.buyer.organisation)
    return deal, person


def _log_actions(person):
    return [entry.action for entry in access.access_log_for(person)]


def test_a_colleague_not_named_cannot_lift_protection_in_the_edit_form(client, protected):
    deal, person = protected
    client.force_login(deal.colleague.user)
    url = reverse("care:participant_edit", args=[person.pk])
    assert 'name="protected"' not in client.get(url).content.decode()
    data = {"first_name": person.first_name, "last_name": person.last_name, "birth_year": 1950}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.protected
    with pytest.raises(NotAllowed):
        actions.do_update_participant(deal.colleague, person, protected=False)
    person.refresh_from_db()
    assert person.protected


def test_a_colleague_not_named_cannot_name_themselves_or_change_the_named_people(client, protected):
    deal, person = protected
    client.force_login(deal.colleague.user)
    url = reverse("care:participant_named", args=[person.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"people": [deal.colleague.user.pk]}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.do_set_named_people(deal.colleague, person, [deal.buyer.user, deal.colleague.user])
    assert set(person.named_people.all()) == {deal.buyer.user, deal.farmer.user}


def test_nobody_names_themselves_not_even_while_nobody_is_named():
    deal = deal_with_staff()
    person = participant(deal.buyer, protected=True)
    with pytest.raises(NotAllowed):
        actions.do_set_named_people(deal.buyer, person, [deal.buyer.user])
    # They name a colleague, who may then name them.
    colleague = member(Role.CASE_WORKER, deal.buyer.organisation)
    actions.do_set_named_people(deal.buyer, person, [colleague.user])
    actions.do_set_named_people(colleague, person, [colleague.user, deal.buyer.user])
    assert set(person.named_people.all()) == {colleague.user, deal.buyer.user}


def test_the_farm_named_for_a_participant_does_not_change_protection(protected):
    deal, person = protected
    with pytest.raises(PermissionDenied):
        actions.do_set_named_people(deal.farmer, person, [deal.farmer.user, deal.staff.user])
    with pytest.raises(PermissionDenied):
        actions.do_update_participant(deal.farmer, person, protected=False)


def test_a_named_case_worker_changes_protection_and_every_change_is_on_the_access_log_page(client, protected):
    deal, person = protected
    actions.do_set_named_people(deal.buyer, person, [deal.buyer.user, deal.colleague.user])
    actions.do_update_participant(deal.buyer, person, protected=False)
    person.refresh_from_db()
    assert not person.protected
    actions.do_update_participant(deal.buyer, person, protected=True)
    logged = _log_actions(person)
    assert len(logged) == 3
    assert any(deal.colleague.user.full_name in what and deal.farmer.user.full_name in what for what in logged)
    client.force_login(deal.buyer.user)
    page = client.get(reverse("care:access_log", args=[person.pk])).content.decode()
    assert "Skjerming opphevet" in page
    assert "Skjermet" in page
    assert deal.colleague.user.full_name in page


def test_saving_the_details_without_touching_protection_writes_no_protection_entry(protected):
    deal, person = protected
    actions.do_update_participant(deal.colleague, person, last_name="Nyttnavn", protected=True)
    assert _log_actions(person) == []


def test_registering_a_protected_participant_is_audited():
    deal = deal_with_staff()
    person = actions.do_register_participant(
        deal.buyer, first_name="Åse", last_name="Skjermesen", birth_year=1950, protected=True
    )
    assert len(_log_actions(person)) == 1
