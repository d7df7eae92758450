"""Every change a person (or the daily task) makes to the approval scheme: one transaction, one
permission check, one place that writes the trail."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from tunet.accounts import access

# --- Standards -------------------------------------------------------------------------------------


# --- Documents -------------------------------------------------------------------------------------


class NotAllowed(Exception):
    """A change the rules of the scheme forbid now; the message says why, in Norwegian."""


@transaction.atomic
def upload_document(membership, farm, form):
    """Store a checked upload (DocumentForm) in the farm's vault, with what the check found."""
    access.require(access.can_keep_approval_file(membership, farm))
    upload = form.cleaned_data["file"]
    document = form.save(commit=False)
    document.farm = farm
    document.content_type = form.content_type
    document.size = upload.size
    document.original_name = (upload.name or "")[:200]
    document.uploaded_by = membership.user
    document.save()
    return document


@transaction.atomic
def delete_document(membership, document):
    """Delete a document and its file, unless a closed deviation rests on it as evidence."""
    access.require(access.can_keep_approval_file(membership, document.farm))
    name, storage = document.file.name, document.file.storage
    try:
        with transaction.atomic():
            document.delete()
    except ProtectedError:
        raise NotAllowed(
            _("The document shows that a deviation was closed, so it must be kept. Upload a newer one instead.")
        ) from None
    # The file goes once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))


# --- Self-audit ------------------------------------------------------------------------------------


# --- Revision and deviations -------------------------------------------------------------------------


# --- Approval lifecycle ------------------------------------------------------------------------------
