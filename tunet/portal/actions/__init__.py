"""Every change made on or about the participant's own pages: one transaction and one permission check
each, through accounts.access.

Two kinds of actor: a participant or relative acts through their way in (a PortalAccess, "grant");
the buyer's and the farm's people act through their membership, as everywhere else.

Notifications and e-mails name nobody and carry no health details: they say that something is
waiting, with a link to the page that logs the read.
"""

from .consent import (
    do_accept_invitation,
    do_create_login,
    do_give_own_login,
    do_mark_correction_handled,
    do_record_relative,
    do_send_new_invitation,
    do_set_check_in_plan,
    do_withdraw_access,
    grant_of_invitation,
    send_invitation,
)
from .person import (
    do_answer_check_in,
    do_answer_message,
    do_ask_for_correction,
    do_report_absence,
    do_take_back_absence,
    do_write_message,
)

__all__ = [
    "do_accept_invitation",
    "do_answer_check_in",
    "do_answer_message",
    "do_ask_for_correction",
    "do_create_login",
    "do_give_own_login",
    "do_mark_correction_handled",
    "do_record_relative",
    "do_report_absence",
    "do_send_new_invitation",
    "do_set_check_in_plan",
    "do_take_back_absence",
    "do_withdraw_access",
    "do_write_message",
    "grant_of_invitation",
    "send_invitation",
]
