"""The farm's vault of documents: the list with the upload form, a document's file, deleting one."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tunet.accounts import access
from tunet.core.rules import attempt, submitted

from .. import forms
from ..actions import documents as actions
from ..queries import documents as queries

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


@access.acting()
@require_http_methods(["GET", "POST"])
def documents(request, membership):
    """The farm's vault: its documents by type with warnings before they expire, and the upload form."""
    farm = queries.vault_farm_for(membership)
    if farm is None:
        messages.info(request, _("Create the farm profile first; then you can upload its documents."))
        return redirect("catalogue:farm_create")
    can_keep = access.can_keep_approval_file(membership, farm)
    if request.method == "POST":
        access.require(can_keep)
    form = None
    if can_keep:
        initial = {"kind": request.GET.get("type")}
        form = forms.DocumentForm(request.POST or None, request.FILES or None, initial=initial)
        if uploaded := submitted(request, form, actions.do_upload_document, membership, farm):
            messages.success(request, _("«%(title)s» is uploaded.") % {"title": uploaded.result.title})
            return redirect("approval:documents")
    return render(
        request,
        "approval/documents/list.html",
        {
            "farm": farm,
            "groups": queries.documents_by_kind(farm, sensitive=queries.shows_sensitive(membership, farm)),
            "form": form,
            "can_keep": can_keep,
            "limit": settings.DOCUMENT_MAX_BYTES,
            "soon_days": queries.EXPIRES_SOON_DAYS,
        },
    )


@access.acting()
@require_GET
def document_file(request, membership, pk):
    """A document's file, only for those who may read it, never cached by others, and always as a download:
    a PDF's scripts or an image never run or render in the browser under Tunet's address."""
    document = queries.document_for(membership, pk)
    try:
        file = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{slugify(document.title) or 'dokument'}.{EXTENSIONS.get(document.content_type, 'bin')}"
    # The type is the one the content check found, never the browser's guess.
    response = FileResponse(file, content_type=document.content_type, filename=name, as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@access.acting()
@require_http_methods(["GET", "POST"])
def document_delete(request, membership, pk):
    document = queries.document_for(membership, pk, keep=True)
    if request.method == "POST":
        if attempt(request, actions.do_delete_document, membership, document):
            messages.success(request, _("«%(title)s» is deleted.") % {"title": document.title})
        return redirect("approval:documents")
    return render(
        request,
        "approval/documents/delete.html",
        {"document": document, "in_use": queries.is_evidence(document)},
    )
