import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tunet.accounts import access, actions
from tunet.accounts.models import MemberInvitation, Membership, Role, User
from tunet.core.rules import NotAllowed

from .factories import UserFactory, member

pytestmark = pytest.mark.django_db


def _invite(admin, email="ny@tunet.test", role=Role.CASE_WORKER, **kw):
    return actions.do_invite_member(admin, admin.organisation, email=email, full_name="Nina Ny", role=role, **kw)


def _token(mailoutbox):
    return re.search(r"/bli-med/(\S+)/", mailoutbox[-1].body).group(1)


def test_an_invitation_makes_no_account_and_no_membership_until_it_is_accepted(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    admin = member(Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        invited = _invite(admin)
    assert not User.objects.filter(email="ny@tunet.test").exists()
    assert mailoutbox[-1].to == ["ny@tunet.test"]
    assert admin.organisation.name in mailoutbox[-1].body
    url = reverse("accounts:join", args=[_token(mailoutbox)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password1": "Hønsehus-i-sola-7", "password2": "Hønsehus-i-sola-7"})
    assert response["Location"] == reverse("accounts:start")
    joined = Membership.objects.get(user__email="ny@tunet.test")
    assert (joined.organisation, joined.role, joined.user.full_name) == (
        admin.organisation,
        Role.CASE_WORKER,
        "Nina Ny",
    )
    invited.refresh_from_db()
    assert invited.membership == joined
    client.logout()
    assert client.get(url).status_code == 410  # the link works once


def test_the_answer_is_the_same_whether_or_not_the_person_has_an_account(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    """Inviting an existing account reveals nothing about it and attaches nothing until they accept."""
    admin = member(Role.ADMIN)
    existing = member(Role.CASE_WORKER, full_name="Hemmelig Navnesen", email="finnes@tunet.test")
    client.force_login(admin.user)
    url = reverse("accounts:member_add", args=[admin.organisation.pk])
    pages = []
    for email in ("finnes@tunet.test", "ukjent@tunet.test"):
        data = {"full_name": "Skrevet Navn", "email": email, "role": Role.CASE_WORKER}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data, follow=True)
        page = response.content.decode()
        assert "Hemmelig Navnesen" not in page
        pages.append(re.search(r'<div class="messages".*?</div>', page, re.S).group(0).replace(email, "EMAIL"))
    assert pages[0] == pages[1]
    assert not Membership.objects.filter(user=existing.user, organisation=admin.organisation).exists()
    assert len(mailoutbox) == 2


def test_someone_with_an_account_accepts_logged_in_as_the_invited_address(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    admin = member(Role.ADMIN)
    existing = member(Role.CASE_WORKER, email="finnes@tunet.test")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(admin, email="finnes@tunet.test")
    url = reverse("accounts:join", args=[_token(mailoutbox)])
    assert "Logg inn" in client.get(url).content.decode()
    client.force_login(member(Role.CASE_WORKER).user)  # someone else
    client.post(url)
    assert not Membership.objects.filter(user=existing.user, organisation=admin.organisation).exists()
    client.force_login(existing.user)
    client.post(url)
    joined = Membership.objects.get(user=existing.user, organisation=admin.organisation)
    assert client.session[access.SESSION_KEY] == joined.pk


def test_inviting_twice_sends_one_e_mail_and_a_member_is_not_invited_again(
    django_capture_on_commit_callbacks, mailoutbox
):
    admin = member(Role.ADMIN)
    for _submit in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            _invite(admin)
    assert len(mailoutbox) == 1
    colleague = member(Role.CASE_WORKER, admin.organisation)
    with pytest.raises(NotAllowed):
        _invite(admin, email=colleague.user.email.upper())


def test_a_withdrawn_or_expired_invitation_cannot_be_accepted(client, django_capture_on_commit_callbacks, mailoutbox):
    admin = member(Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        invited = _invite(admin)
    token = _token(mailoutbox)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert client.get(reverse("accounts:join", args=[token])).status_code == 410
    client.force_login(admin.user)
    client.post(reverse("accounts:member_invitation_withdraw", args=[admin.organisation.pk, invited.pk]))
    client.logout()
    assert client.get(reverse("accounts:join", args=[token])).status_code == 410
    assert not User.objects.filter(email="ny@tunet.test").exists()


def test_another_organisation_cannot_withdraw_an_invitation(client):
    admin = member(Role.ADMIN)
    invited = _invite(admin)
    client.force_login(member(Role.ADMIN).user)
    url = reverse("accounts:member_invitation_withdraw", args=[admin.organisation.pk, invited.pk])
    assert client.post(url).status_code == 403
    invited.refresh_from_db()
    assert invited.withdrawn_at is None


def test_a_role_that_does_not_fit_the_organisation_is_refused():
    admin = member(Role.ADMIN)  # a municipality
    with pytest.raises(ValueError, match="does not fit"):
        _invite(admin, role=Role.AUDITOR)


def test_a_case_worker_cannot_invite_people():
    worker = member(Role.CASE_WORKER)
    with pytest.raises(PermissionDenied):
        _invite(worker)


def test_the_invitation_form_keeps_what_was_typed_on_error(client):
    admin = member(Role.ADMIN)
    client.force_login(admin.user)
    response = client.post(
        reverse("accounts:member_add", args=[admin.organisation.pk]),
        {"full_name": "Nina Ny", "email": "ikke-en-adresse", "role": Role.CASE_WORKER},
    )
    assert response.status_code == 200
    assert 'value="Nina Ny"' in response.content.decode()
    assert not MemberInvitation.objects.exists()


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
