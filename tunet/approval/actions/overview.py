"""The approval body's changes to a farm's file: assigning an auditor, revoking the approval."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed

from .. import lifecycle
from ..models import Approval, Revision, SelfAuditStatus
from ..queries import auditors

if TYPE_CHECKING:
    from tunet.accounts.models import Membership, User
    from tunet.catalogue.models import Farm


@transaction.atomic
def do_assign_auditor(membership: Membership, farm: Farm, auditor: User) -> Revision:
    """The approval body assigns an auditor; the auditor and the farm are told."""
    if not access.can_run_approvals(membership):
        raise PermissionDenied
    if not auditors().filter(pk=auditor.pk).exists():
        raise NotAllowed(_("Choose an auditor."))
    latest = farm.self_audits.filter(status=SelfAuditStatus.SUBMITTED).first()
    try:
        with transaction.atomic():
            revision = Revision.objects.create(
                farm=farm, auditor=auditor, assigned_by=membership.user, self_audit=latest
            )
    except IntegrityError:
        raise NotAllowed(_("The farm already has a revision under way.")) from None
    url = reverse("approval:revision", args=[revision.pk])
    notify(
        [auditor],
        title=_("You have been assigned the revision of %(farm)s") % {"farm": farm.name},
        body=_("The approval body has assigned you to revise %(farm)s in %(place)s.")
        % {"farm": farm.name, "place": farm.municipality.name},
        url=url,
    )
    notify(
        access.farm_keepers(farm),
        title=_("An auditor has been assigned to your farm"),
        body=_("%(auditor)s will carry out the revision of %(farm)s and will contact you about the visit.")
        % {"auditor": auditor.full_name, "farm": farm.name},
        url=reverse("approval:farm"),
    )
    return revision


@transaction.atomic
def do_revoke_approval(membership: Membership, farm: Farm, reason: str) -> Approval:
    """The approval body revokes an approval, always with a reason."""
    if not access.can_run_approvals(membership):
        raise PermissionDenied
    if not reason.strip():
        raise NotAllowed(_("Give the reason for revoking the approval."))
    return lifecycle.revoke(farm, membership.user, reason.strip())
