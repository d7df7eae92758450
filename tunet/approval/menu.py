"""The approval scheme in the header and on the start page (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem, StartTask

MENU = [
    MenuItem(order=25, label=_("Approval"), url="approval:farm", shows=access.can_create_farm),
    MenuItem(order=50, label=_("My revisions"), url="approval:worklist", shows=access.may(access.Perm.AUDIT_FARMS)),
    MenuItem(order=60, label=_("Approvals"), url="approval:overview", shows=access.can_run_approvals),
]

TASKS = [
    StartTask(
        order=20,
        label=_("Follow the farm's approval"),
        text=_("The yearly self-audit, the documents, deviations and their deadlines, and the approval itself."),
        url="approval:farm",
        shows=access.can_create_farm,
    ),
    StartTask(
        order=30,
        label=_("My revisions"),
        text=_("The farms assigned to you: record the visit, check the self-audit, verify deviations."),
        url="approval:worklist",
        shows=access.may(access.Perm.AUDIT_FARMS),
    ),
    StartTask(
        order=40,
        label=_("Approvals"),
        text=_("Every farm by status, overdue deviations, approvals about to expire; assign auditors."),
        url="approval:overview",
        shows=access.can_run_approvals,
    ),
]
