"""The farm's changes to its vault of documents."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.core.rules import NotAllowed

from ..models import Document

if TYPE_CHECKING:
    from tunet.accounts.models import Membership
    from tunet.catalogue.models import Farm


@transaction.atomic
def do_upload_document(
    membership: Membership,
    farm: Farm,
    *,
    kind: str,
    title: str,
    file: UploadedFile,
    content_type: str,
    valid_until: datetime.date | None = None,
) -> Document:
    """Store a checked upload (DocumentForm found its content_type) in the farm's vault."""
    access.require(access.can_keep_approval_file(membership, farm))
    document = Document(
        farm=farm,
        kind=kind,
        title=title,
        file=file,
        valid_until=valid_until,
        content_type=content_type,
        size=file.size or 0,
        original_name=(file.name or "")[:200],
        uploaded_by=membership.user,
    )
    document.save()
    return document


@transaction.atomic
def do_delete_document(membership: Membership, document: Document) -> None:
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
    if name:
        transaction.on_commit(lambda: storage.delete(name))
