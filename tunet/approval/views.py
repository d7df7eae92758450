"""Views of the approval scheme: thin, they parse the request, call a query or an action, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tunet.accounts import access
from tunet.catalogue.queries import farm_of

from . import actions, forms, queries

# --- Standards (the approval body) ---------------------------------------------------------------------


# --- Documents (the farm's vault) ----------------------------------------------------------------------

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


@login_required
@require_http_methods(["GET", "POST"])
def documents(request):
    """The farm's vault: its documents by type with warnings before they expire, and the upload form."""
    membership = access.active_membership(request)
    farm = farm_of(membership)
    if farm is None and access.can_create_farm(membership):
        messages.info(request, _("Create the farm profile first; then you can upload its documents."))
        return redirect("catalogue:farm_create")
    access.require(farm is not None and access.can_view_approval_file(membership, farm))
    can_keep = access.can_keep_approval_file(membership, farm)
    if request.method == "POST":
        access.require(can_keep)
    form = None
    if can_keep:
        initial = {"kind": request.GET.get("type")}
        form = forms.DocumentForm(request.POST or None, request.FILES or None, initial=initial)
        if form.is_valid():
            document = actions.upload_document(membership, farm, form)
            messages.success(request, _("«%(title)s» is uploaded.") % {"title": document.title})
            return redirect("approval:documents")
    return render(
        request,
        "approval/documents/list.html",
        {
            "farm": farm,
            "groups": queries.documents_by_kind(farm),
            "form": form,
            "can_keep": can_keep,
            "limit": settings.DOCUMENT_MAX_BYTES,
            "soon_days": queries.EXPIRES_SOON_DAYS,
        },
    )


@login_required
@require_GET
def document_file(request, pk):
    """A document's file, only for those who may read the farm's approval file, never cached by others."""
    document = queries.document_of(pk)
    farm = document.farm
    membership = access.active_membership(request)
    access.require(access.can_view_approval_file(membership, farm, queries.auditor_ids_of(farm)))
    try:
        file = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{slugify(document.title) or 'dokument'}.{EXTENSIONS.get(document.content_type, 'bin')}"
    # The type is the one the content check found, never the browser's guess.
    response = FileResponse(file, content_type=document.content_type, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, pk):
    document = queries.document_of(pk)
    membership = access.active_membership(request)
    access.require(access.can_keep_approval_file(membership, document.farm))
    if request.method == "POST":
        try:
            actions.delete_document(membership, document)
        except actions.NotAllowed as refusal:
            messages.error(request, str(refusal))
            return redirect("approval:documents")
        messages.success(request, _("«%(title)s» is deleted.") % {"title": document.title})
        return redirect("approval:documents")
    return render(
        request,
        "approval/documents/delete.html",
        {"document": document, "in_use": queries.is_evidence(document)},
    )


# --- The farm's approval page and self-audit ------------------------------------------------------------


# --- Revision (the auditor) -----------------------------------------------------------------------------


# --- The approval body's overview -----------------------------------------------------------------------
