"""The organisation and the person's own account in the header and on the start page (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.core.menu import MenuItem, StartTask

from . import access


def _organisation(membership):
    return [membership.organisation_id]


def _details_missing(membership):
    organisation = membership.organisation
    return access.can_manage_organisation(membership, organisation) and (
        not organisation.org_number or not organisation.postal_code_id
    )


def _alone(membership):
    organisation = membership.organisation
    return access.can_manage_members(membership, organisation) and organisation.memberships.count() < 2


MENU = [
    MenuItem(
        order=90,
        label=_("My organisation"),
        url="accounts:organisation",
        shows=lambda membership: True,
        args=_organisation,
    )
]

TASKS = [
    StartTask(
        order=80,
        label=_("Complete your organisation's details"),
        text=_("Add the organisation number and the address, so that others can find and trust you."),
        url="accounts:organisation_edit",
        shows=_details_missing,
        args=_organisation,
    ),
    StartTask(
        order=90,
        label=_("Add your colleagues"),
        text=_("Everyone who works in Tunet for the organisation should have their own login and role."),
        url="accounts:member_add",
        shows=_alone,
        args=_organisation,
    ),
    StartTask(
        order=100,
        label=_("Add your phone number"),
        text=_("Colleagues and partners can then reach you when something is urgent."),
        url="accounts:profile",
        shows=lambda membership: not membership.user.phone,
    ),
    StartTask(
        order=110,
        label=_("See your organisation"),
        text=_("Details and the people who work in Tunet on its behalf."),
        url="accounts:organisation",
        shows=lambda membership: True,
        args=_organisation,
    ),
]
