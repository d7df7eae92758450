"""Forms of the approval scheme, with Norwegian errors (through gettext); one module by sub-area."""

from .base import INPUT
from .documents import DocumentForm
from .overview import AssignForm, OverviewFilter, RevokeForm, auditor_label
from .revision import DeviationForm, ReopenForm, ReviewForm, VerifyForm, VisitForm
from .self_audit import AnswerForm, CloseDeviationForm, no_needs_measure
from .standards import ItemForm, SectionForm, VersionNotesForm

__all__ = [
    "INPUT",
    "AnswerForm",
    "AssignForm",
    "CloseDeviationForm",
    "DeviationForm",
    "DocumentForm",
    "ItemForm",
    "OverviewFilter",
    "ReopenForm",
    "ReviewForm",
    "RevokeForm",
    "SectionForm",
    "VerifyForm",
    "VersionNotesForm",
    "VisitForm",
    "auditor_label",
    "no_needs_measure",
]
