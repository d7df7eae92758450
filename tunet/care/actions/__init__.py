"""Every change to participants and their placements, as a plain function: the participant's record
(actions.participants), referrals and placements (actions.placements), and the stay on the farm:
risk assessment and goals (actions.stay)."""

from tunet.core.rules import NotAllowed

from .participants import do_register_participant, do_set_named_people, do_update_participant
from .placements import (
    do_accept_referral,
    do_decide_change,
    do_decline_referral,
    do_end_placement,
    do_propose_change,
    do_refer_participant,
)
from .stay import do_add_goal, do_add_goal_note, do_save_risk_assessment, do_set_goal_status, do_share_goal

__all__ = [
    "NotAllowed",
    "do_accept_referral",
    "do_add_goal",
    "do_add_goal_note",
    "do_decide_change",
    "do_decline_referral",
    "do_end_placement",
    "do_propose_change",
    "do_refer_participant",
    "do_register_participant",
    "do_save_risk_assessment",
    "do_set_goal_status",
    "do_share_goal",
    "do_set_named_people",
    "do_update_participant",
]
