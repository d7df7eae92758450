"""Views of the farm day, incidents, meetings and invoice bases: thin, they fetch what the viewer may see
through the queries' *_for() functions, run an action through core.rules, log what participant data
they show, and render."""

from .farm_day import absence, attendance, close, day, day_note, reopen
from .incidents import incident, incident_new, incidents
from .invoice import attendance_report, attendance_report_pdf, invoice, invoice_download, invoice_latest
from .meetings import meeting, meeting_action_done, meetings

__all__ = [
    "absence",
    "attendance",
    "attendance_report",
    "attendance_report_pdf",
    "close",
    "day",
    "day_note",
    "incident",
    "incident_new",
    "incidents",
    "invoice",
    "invoice_download",
    "invoice_latest",
    "meeting",
    "meeting_action_done",
    "meetings",
    "reopen",
]
