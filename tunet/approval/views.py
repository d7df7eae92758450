"""Views of the approval scheme: thin, they parse the request, call a query or an action, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.catalogue.queries import farm_of

from . import actions, forms, models, queries

# --- Standards (the approval body) ---------------------------------------------------------------------


def _standards_membership(request):
    membership = access.active_membership(request)
    access.require(access.can_run_approvals(membership))
    return membership


def _version(request, code, number):
    """The approval body's membership, the standard and the version with its contents."""
    membership = _standards_membership(request)
    standard = queries.standard_by_code(code)
    return membership, standard, queries.version_page(standard, number)


def _to_version(version):
    return redirect("approval:standard_version", code=version.standard.code, number=version.number)


def _refused(request, version, refusal):
    messages.error(request, str(refusal))
    return _to_version(version)


def _editable(request, version):
    """None if the version can be edited, else a redirect to it with the reason (the actions check again)."""
    if version.is_draft:
        return None
    return _refused(request, version, _("Only a draft can be changed. Make a new draft to change the standard."))


@login_required
@require_GET
def standards(request):
    _standards_membership(request)
    return render(request, "approval/standards/list.html", {"standards": queries.standards_overview()})


@login_required
@require_GET
def standard(request, code):
    """A standard's page is the version in force, or its draft before anything is published."""
    _standards_membership(request)
    standard = queries.standard_by_code(code)
    versions = standard.version_list
    shown = next((v for v in versions if v.status == models.VersionStatus.PUBLISHED), None) or (
        versions[0] if versions else None
    )
    if shown is not None:
        return _to_version(shown)
    return render(request, "approval/standards/version.html", {"standard": standard, "version": None})


@login_required
@require_GET
def standard_version(request, code, number):
    _membership, standard, version = _version(request, code, number)
    return render(
        request,
        "approval/standards/version.html",
        {
            "standard": standard,
            "version": version,
            "draft": next((v for v in standard.version_list if v.is_draft), None),
        },
    )


@login_required
@require_POST
def draft_new(request, code):
    membership = _standards_membership(request)
    standard = queries.standard_by_code(code)
    try:
        draft = actions.draft_new_version(membership, standard)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("approval:standard", code=code)
    messages.success(
        request, _("Version %(number)s is a draft. Change it, then publish it.") % {"number": draft.number}
    )
    return _to_version(draft)


@login_required
@require_http_methods(["GET", "POST"])
def version_notes(request, code, number):
    membership, standard, version = _version(request, code, number)
    if refused := _editable(request, version):
        return refused
    form = forms.VersionNotesForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_notes(membership, version, form.cleaned_data["notes"])
        except actions.NotAllowed as refusal:
            return _refused(request, version, refusal)
        messages.success(request, _("The notes are saved."))
        return _to_version(version)
    return render(
        request,
        "approval/standards/form.html",
        {"standard": standard, "version": version, "form": form, "heading": _("What changed")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_publish(request, code, number):
    membership, standard, version = _version(request, code, number)
    if request.method == "POST":
        try:
            actions.publish_version(membership, version)
        except actions.NotAllowed as refusal:
            return _refused(request, version, refusal)
        messages.success(
            request,
            _("Version %(number)s of %(standard)s is in force. New self-audits answer it.")
            % {"number": version.number, "standard": standard.name},
        )
        return _to_version(version)
    if refused := _editable(request, version):
        return refused
    in_force = next((v for v in standard.version_list if v.status == models.VersionStatus.PUBLISHED), None)
    return render(
        request, "approval/standards/publish.html", {"standard": standard, "version": version, "in_force": in_force}
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, code, number, pk=None):
    membership, standard, version = _version(request, code, number)
    if refused := _editable(request, version):
        return refused
    section = get_object_or_404(models.Section, pk=pk, version=version) if pk else models.Section(version=version)
    form = forms.SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_section(membership, version, form)
        except actions.NotAllowed as refusal:
            return _refused(request, version, refusal)
        messages.success(request, _("The section is saved."))
        return _to_version(version)
    heading = _("Change the section") if pk else _("New section")
    return render(
        request,
        "approval/standards/form.html",
        {"standard": standard, "version": version, "form": form, "heading": heading},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request, code, number, pk):
    membership, standard, version = _version(request, code, number)
    if refused := _editable(request, version):
        return refused
    section = get_object_or_404(models.Section, pk=pk, version=version)
    if request.method == "POST":
        try:
            actions.delete_section(membership, section)
        except actions.NotAllowed as refusal:
            return _refused(request, version, refusal)
        messages.success(request, _("The section «%(title)s» is deleted.") % {"title": section.title})
        return _to_version(version)
    return render(
        request,
        "approval/standards/delete.html",
        {"standard": standard, "version": version, "section": section, "items": list(section.items.all())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, code, number, pk=None):
    membership, standard, version = _version(request, code, number)
    if refused := _editable(request, version):
        return refused
    item = get_object_or_404(models.Item, pk=pk, version=version) if pk else models.Item()
    initial = {} if pk else {"section": request.GET.get("seksjon")}
    form = forms.ItemForm(request.POST or None, instance=item, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_item(membership, version, form)
        except actions.NotAllowed as refusal:
            return _refused(request, version, refusal)
        messages.success(request, _("%(code)s is saved.") % {"code": saved.code})
        return _to_version(version)
    heading = _("Change %(code)s") % {"code": item.code} if pk else _("New requirement")
    return render(
        request,
        "approval/standards/form.html",
        {"standard": standard, "version": version, "form": form, "heading": heading},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, code, number, pk):
    membership, standard, version = _version(request, code, number)
    if refused := _editable(request, version):
        return refused
    item = get_object_or_404(models.Item, pk=pk, version=version)
    if request.method == "POST":
        try:
            actions.delete_item(membership, item)
        except actions.NotAllowed as refusal:
            return _refused(request, version, refusal)
        messages.success(request, _("%(code)s is deleted.") % {"code": item.code})
        return _to_version(version)
    return render(request, "approval/standards/delete.html", {"standard": standard, "version": version, "item": item})


MOVES = {"up": -1, "down": 1}


@login_required
@require_POST
def move(request, code, number, kind, pk):
    """Move a section or a requirement one place up or down (buttons on the draft's page)."""
    membership, _standard, version = _version(request, code, number)
    step = MOVES.get(request.POST.get("direction"))
    if step is None:
        return _to_version(version)
    try:
        if kind == "seksjon":
            actions.move_section(membership, get_object_or_404(models.Section, pk=pk, version=version), step)
        else:
            actions.move_item(membership, get_object_or_404(models.Item, pk=pk, version=version), step)
    except actions.NotAllowed as refusal:
        return _refused(request, version, refusal)
    response = _to_version(version)
    response["Location"] += f"#{'section' if kind == 'seksjon' else 'item'}-{pk}"
    return response


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
