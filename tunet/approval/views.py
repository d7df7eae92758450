"""Views of the approval scheme: thin, they parse the request, call a query or an action, render."""


# --- Standards (the approval body) ---------------------------------------------------------------------


# --- Documents (the farm's vault) ----------------------------------------------------------------------


# --- The farm's approval page and self-audit ------------------------------------------------------------


# --- Revision (the auditor) -----------------------------------------------------------------------------


# --- The approval body's overview -----------------------------------------------------------------------
