"""The permission matrix: every view so far × anonymous and each role, in its own and another organisation."""

import pytest
from django.urls import reverse

from tunet.accounts.models import Membership, OrganisationKind, Role

from .factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

# Roles that may change their organisation's details and its people.
MANAGERS = {Role.ADMIN, Role.FARMER}
ALL_ROLES = list(Role)


@pytest.fixture
def world():
    """Each role in an organisation of its own, each organisation with a second person."""
    people = {}
    for role in ALL_ROLES:
        actor = member(role)
        colleague = member(Role.ADMIN if role != Role.ADMIN else Role.CASE_WORKER, actor.organisation)
        people[role] = (actor, colleague)
    return people


def org_views(organisation, colleague):
    """(name, method, url, permission needed) for views about one organisation."""
    return [
        ("organisation", "get", reverse("accounts:organisation", args=[organisation.pk]), "member"),
        ("organisation_edit", "get", reverse("accounts:organisation_edit", args=[organisation.pk]), "manage"),
        ("organisation_edit_post", "post", reverse("accounts:organisation_edit", args=[organisation.pk]), "manage"),
        ("member_add", "get", reverse("accounts:member_add", args=[organisation.pk]), "manage"),
        ("member_add_post", "post", reverse("accounts:member_add", args=[organisation.pk]), "manage"),
        (
            "member_remove",
            "get",
            reverse("accounts:member_remove", args=[organisation.pk, colleague.pk]),
            "manage",
        ),
        (
            "member_remove_post",
            "post",
            reverse("accounts:member_remove", args=[organisation.pk, colleague.pk]),
            "manage",
        ),
    ]


PUBLIC = [
    reverse("core:front"),
    reverse("core:sources"),
    reverse("core:postcode_lookup") + "?postal_code=3727",
    reverse("accounts:login"),
    reverse("accounts:password_reset"),
]
PERSONAL = [reverse("accounts:start"), reverse("accounts:profile"), reverse("accounts:password_change")]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_are_open_to_everyone(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PERSONAL)
def test_personal_pages_send_anonymous_visitors_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", PERSONAL)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_personal_pages_open_for_every_role(client, world, role, url):
    client.force_login(world[role][0].user)
    assert client.get(url).status_code == 200


def test_anonymous_is_sent_to_log_in_from_organisation_views(client, world):
    actor, colleague = world[Role.ADMIN]
    for name, method, url, _need in org_views(actor.organisation, colleague):
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.parametrize("role", ALL_ROLES)
def test_own_organisation(client, world, role):
    actor, colleague = world[role]
    client.force_login(actor.user)
    for name, method, url, need in org_views(actor.organisation, colleague):
        if method == "post":
            continue  # the writes are checked one by one below, so that they do not undo each other
        allowed = need == "member" or role in MANAGERS
        assert client.get(url).status_code == (200 if allowed else 403), (role, name)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_other_organisation_is_refused_for_every_view(client, world, role):
    actor, _colleague = world[role]
    other_role = Role.ADMIN if role != Role.ADMIN else Role.FARMER
    other, other_colleague = world[other_role]
    client.force_login(actor.user)
    for name, method, url, _need in org_views(other.organisation, other_colleague):
        response = getattr(client, method)(
            url, {"name": "Kapret", "full_name": "X", "email": "x@tunet.test", "role": "admin"}
        )
        assert response.status_code == 403, (role, name)
    assert Membership.objects.filter(pk=other_colleague.pk).exists()
    other.organisation.refresh_from_db()
    assert other.organisation.name != "Kapret"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_managers_can_remove_a_colleague(client, world, role):
    actor, colleague = world[role]
    client.force_login(actor.user)
    response = client.post(reverse("accounts:member_remove", args=[actor.organisation.pk, colleague.pk]))
    if role in MANAGERS:
        assert response.status_code == 302
        assert not Membership.objects.filter(pk=colleague.pk).exists()
    else:
        assert response.status_code == 403
        assert Membership.objects.filter(pk=colleague.pk).exists()


def test_nobody_removes_their_own_membership(client, world):
    actor, _colleague = world[Role.ADMIN]
    client.force_login(actor.user)
    url = reverse("accounts:member_remove", args=[actor.organisation.pk, actor.pk])
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=actor.pk).exists()


def test_membership_of_another_organisation_cannot_be_reached_through_ones_own(client, world):
    actor, _colleague = world[Role.ADMIN]
    _other, other_colleague = world[Role.FARMER]
    client.force_login(actor.user)
    url = reverse("accounts:member_remove", args=[actor.organisation.pk, other_colleague.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other_colleague.pk).exists()


def test_switching_to_a_membership_one_does_not_have_is_refused(client, world):
    actor, _colleague = world[Role.CASE_WORKER]
    stranger, _ = world[Role.FARMER]
    client.force_login(actor.user)
    client.post(reverse("accounts:switch"), {"membership": stranger.pk})
    assert client.get(reverse("accounts:organisation", args=[stranger.organisation.pk])).status_code == 403


def test_switching_between_ones_own_organisations_changes_what_one_acts_as(client):
    first = member(Role.CASE_WORKER)
    nav_office = OrganisationFactory(kind=OrganisationKind.NAV_OFFICE)
    second = Membership.objects.create(user=first.user, organisation=nav_office, role=Role.NAV_ADVISER)
    client.force_login(first.user)
    # The first membership (by organisation name) is active until the person switches.
    active, inactive = sorted([first, second], key=lambda m: m.organisation.name)
    assert client.get(reverse("accounts:organisation", args=[active.organisation.pk])).status_code == 200
    assert client.get(reverse("accounts:organisation", args=[inactive.organisation.pk])).status_code == 403
    response = client.post(reverse("accounts:switch"), {"membership": inactive.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:start")
    assert client.get(reverse("accounts:organisation", args=[inactive.organisation.pk])).status_code == 200
    # ... and the one it switched away from is now refused.
    assert client.get(reverse("accounts:organisation", args=[active.organisation.pk])).status_code == 403
