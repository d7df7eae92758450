"""Every change in buying places, as a plain function: requests and the farms' answers
(actions.requests), the agreement made from an accepted offer and its life (actions.agreements)."""

from tunet.core.rules import NotAllowed

from .agreements import (
    do_accept_proposal,
    do_cancel_agreement,
    do_give_notice,
    do_set_signing_rule,
    do_sign_agreement,
    do_start_new_version,
    do_update_draft,
)
from .requests import do_cancel_request, do_create_request, do_decline_request, do_invite_farm, do_submit_proposal

__all__ = [
    "NotAllowed",
    "do_accept_proposal",
    "do_cancel_agreement",
    "do_cancel_request",
    "do_create_request",
    "do_decline_request",
    "do_give_notice",
    "do_invite_farm",
    "do_set_signing_rule",
    "do_sign_agreement",
    "do_start_new_version",
    "do_submit_proposal",
    "do_update_draft",
]
