"""The approval scheme: standards, the farm's documents, self-audits, revisions, deviations and
the approval itself, with every change of its state kept.

The life of a farm's approval:
- the farm answers every applicable item of the published standards in a self-audit (at least once
  a year); a "No" becomes a deviation with a measure, a responsible person and a deadline;
- the approval body assigns an auditor, who records the revision visit, confirms or corrects the
  answers, records deviations, and accepts the revision;
- the farm closes each deviation with evidence, the auditor verifies (or reopens) it;
- approved when the self-audit is submitted, the revision accepted and no deviation is open:
  valid two years. A deviation past its deadline suspends it, expiry lapses it, the approval body
  can revoke it. The actions make every change, lifecycle.py every change of the approval's state;
  ApprovalEvent keeps each change of state.
"""

# One package by sub-area; everything is importable from here, as migrations and other apps do
# (tunet.approval.models.document_path is named in the migrations).
from tunet.catalogue.models import Farm

from .approval import Approval, ApprovalEvent, ApprovalStatus, sync_listings, unlist_farm
from .documents import SENSITIVE_DOCUMENTS, Document, DocumentType, document_path
from .revision import AnswerReview, Deviation, DeviationStatus, ReviewVerdict, Revision, RevisionStatus
from .self_audit import Answer, AnswerValue, SelfAudit, SelfAuditStatus, evidence_path
from .standards import AppliesWhen, Item, Section, Standard, StandardVersion, VersionStatus

__all__ = [
    "Answer",
    "AnswerReview",
    "AnswerValue",
    "AppliesWhen",
    "Approval",
    "ApprovalEvent",
    "ApprovalStatus",
    "Deviation",
    "DeviationStatus",
    "SENSITIVE_DOCUMENTS",
    "Document",
    "DocumentType",
    "Farm",
    "Item",
    "ReviewVerdict",
    "Revision",
    "RevisionStatus",
    "Section",
    "SelfAudit",
    "SelfAuditStatus",
    "Standard",
    "StandardVersion",
    "VersionStatus",
    "document_path",
    "evidence_path",
    "sync_listings",
    "unlist_farm",
]
