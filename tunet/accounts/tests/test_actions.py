import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tunet.accounts import actions
from tunet.accounts.models import Membership, Role, User

from .factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_adding_a_new_person_creates_their_account_and_mails_a_link_to_choose_a_password(
    django_capture_on_commit_callbacks, mailoutbox
):
    admin = member(Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        membership, created = actions.do_add_member(
            admin,
            admin.organisation,
            email="ny@tunet.test",
            full_name="Nina Ny",
            role=Role.CASE_WORKER,
            site_url="http://tunet.test/",
        )
    assert created
    assert membership.user.email == "ny@tunet.test"
    assert not membership.user.has_usable_password()
    assert len(mailoutbox) == 1
    assert "http://tunet.test/nytt-passord/" in mailoutbox[0].body
    assert admin.organisation.name in mailoutbox[0].body


def test_adding_the_same_person_twice_is_harmless(django_capture_on_commit_callbacks, mailoutbox):
    admin = member(Role.ADMIN)
    for _submit in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            actions.do_add_member(
                admin, admin.organisation, email="ny@tunet.test", full_name="Nina", role=Role.CASE_WORKER
            )
    assert User.objects.filter(email="ny@tunet.test").count() == 1
    assert Membership.objects.filter(user__email="ny@tunet.test").count() == 1
    assert len(mailoutbox) == 1


def test_adding_an_existing_person_sends_no_invitation(django_capture_on_commit_callbacks, mailoutbox):
    admin = member(Role.ADMIN)
    UserFactory(email="finnes@tunet.test")
    with django_capture_on_commit_callbacks(execute=True):
        _membership, created = actions.do_add_member(
            admin, admin.organisation, email="FINNES@tunet.test", full_name="X", role=Role.CASE_WORKER
        )
    assert not created
    assert mailoutbox == []


def test_a_role_that_does_not_fit_the_organisation_is_refused():
    admin = member(Role.ADMIN)  # a municipality
    with pytest.raises(ValueError, match="does not fit"):
        actions.do_add_member(admin, admin.organisation, email="x@tunet.test", full_name="X", role=Role.AUDITOR)


def test_a_case_worker_cannot_add_people():
    worker = member(Role.CASE_WORKER)
    with pytest.raises(PermissionDenied):
        actions.do_add_member(worker, worker.organisation, email="x@tunet.test", full_name="X", role=Role.CASE_WORKER)


def test_add_member_form_keeps_what_was_typed_on_error(client):
    admin = member(Role.ADMIN)
    client.force_login(admin.user)
    response = client.post(
        reverse("accounts:member_add", args=[admin.organisation.pk]),
        {"full_name": "Nina Ny", "email": "ikke-en-adresse", "role": Role.CASE_WORKER},
    )
    assert response.status_code == 200
    assert 'value="Nina Ny"' in response.content.decode()
    assert not User.objects.filter(full_name="Nina Ny").exists()


def test_removing_asks_first_then_removes_only_the_membership(client):
    admin = member(Role.ADMIN)
    colleague = member(Role.CASE_WORKER, admin.organisation)
    client.force_login(admin.user)
    url = reverse("accounts:member_remove", args=[admin.organisation.pk, colleague.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert colleague.user.full_name in confirm.content.decode()
    assert Membership.objects.filter(pk=colleague.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    assert User.objects.filter(pk=colleague.user.pk).exists()


def test_editing_the_organisation_fills_in_the_municipality_from_the_postcode(client):
    farmer = member(Role.FARMER)
    client.force_login(farmer.user)
    response = client.post(
        reverse("accounts:organisation_edit", args=[farmer.organisation.pk]),
        {"name": "Solbakken gård", "org_number": "974 760 673", "street_address": "Vegen 1", "postal_code": "3727"},
    )
    assert response.status_code == 302
    farmer.organisation.refresh_from_db()
    assert farmer.organisation.org_number == "974760673"
    assert farmer.organisation.municipality.name == "Skien"
    assert farmer.organisation.postal_code.place == "Skien"


def test_start_page_suggests_next_steps_from_the_state_of_things(client):
    farmer = member(Role.FARMER, phone="")
    farmer.organisation.org_number = ""
    farmer.organisation.save()
    client.force_login(farmer.user)
    response = client.get(reverse("accounts:start"))
    urls = [step["url"] for step in response.context["steps"]]
    assert reverse("accounts:organisation_edit", args=[farmer.organisation.pk]) in urls
    assert reverse("accounts:member_add", args=[farmer.organisation.pk]) in urls
    assert reverse("accounts:profile") in urls


def test_start_page_for_a_person_without_organisation_explains_what_to_do(client):
    """Without an organisation a person starts on «Mine sider» (a participant's or relative's pages),
    which says who to ask when there are none."""
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:start"), follow=True)
    assert response.redirect_chain == [(reverse("portal:home"), 302)]
    assert "Be saksbehandleren din om en innlogging" in response.content.decode()
