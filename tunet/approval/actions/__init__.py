"""Every change a person (or the daily task) makes to the approval scheme: one transaction, one
permission check, one place that writes the trail. One module by sub-area; the changes of an
approval's state itself are in lifecycle.py."""

from tunet.core.rules import NotAllowed

from .documents import do_delete_document, do_upload_document
from .overview import do_assign_auditor, do_revoke_approval
from .revision import (
    do_accept_revision,
    do_close_deviation,
    do_record_deviation,
    do_record_visit,
    do_reopen_deviation,
    do_review_answer,
    do_verify_deviation,
)
from .self_audit import do_save_answer, do_start_self_audit, do_submit_self_audit
from .standards import (
    do_delete_item,
    do_delete_section,
    do_draft_version,
    do_move_item,
    do_move_section,
    do_publish_version,
    do_save_item,
    do_save_section,
    do_save_version_notes,
)

__all__ = [
    "NotAllowed",
    "do_accept_revision",
    "do_assign_auditor",
    "do_close_deviation",
    "do_delete_document",
    "do_delete_item",
    "do_delete_section",
    "do_draft_version",
    "do_move_item",
    "do_move_section",
    "do_publish_version",
    "do_record_deviation",
    "do_record_visit",
    "do_reopen_deviation",
    "do_review_answer",
    "do_revoke_approval",
    "do_save_answer",
    "do_save_item",
    "do_save_section",
    "do_save_version_notes",
    "do_start_self_audit",
    "do_submit_self_audit",
    "do_upload_document",
    "do_verify_deviation",
]
