"""Views of the approval scheme: thin, they parse the request, call a query or an action, render."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.catalogue.queries import farm_of
from tunet.core import uploads
from tunet.core.pdf import data_uri, pdf_response
from tunet.core.rules import attempt
from tunet.learning.queries import course_completions_for

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


def _own_farm(request):
    """The farm of the person's active membership, which they keep the approval file of."""
    membership = access.active_membership(request)
    farm = farm_of(membership)
    if farm is None:
        raise Http404
    access.require(access.can_keep_approval_file(membership, farm))
    return membership, farm


def _next_steps(farm, page):
    """What the farm should do now, most urgent first: the page's «what to do next»."""
    steps = []
    for deviation in page["deviations"]:
        if deviation.status == models.DeviationStatus.OPEN:
            steps.append(
                (
                    reverse("approval:deviation", args=[deviation.pk]),
                    _("Close the deviation «%(what)s» by %(date)s")
                    % {"what": deviation.description[:80], "date": date_format(deviation.deadline)},
                )
            )
    if page["draft"] is not None:
        steps.append((reverse("approval:self_audit"), _("Finish and submit the self-audit")))
    elif page["self_audit_due"] <= timezone.localdate() + datetime.timedelta(days=30):
        steps.append((reverse("approval:self_audit"), _("Do this year's self-audit")))
    for document in page["expiring"]:
        steps.append((reverse("approval:documents"), _("Renew «%(title)s»") % {"title": document.title}))
    return steps


@login_required
@require_GET
def farm(request):
    """The farm's «Godkjenning» page: status, next deadlines, what to do next."""
    membership, farm = _own_farm(request)
    approval = queries.approval_of(farm)
    last = queries.last_submitted(farm)
    page = {
        "farm": farm,
        "approval": approval,
        "events": queries.events_of(approval),
        "draft": queries.draft_of(farm),
        "last_submitted": last,
        "self_audit_due": actions.self_audit_due(last.submitted_at if last else None, timezone.localdate()),
        "deviations": queries.open_deviations(farm),
        "revision": queries.current_revision(farm),
        "expiring": queries.expiring_documents(farm, timezone.localdate()),
        "completions": course_completions_for(farm.provider),
    }
    page["steps"] = _next_steps(farm, page)
    return render(request, "approval/farm.html", page)


@login_required
@require_GET
def self_audit(request):
    membership, farm = _own_farm(request)
    draft = queries.draft_of(farm)
    if draft is None:
        return render(request, "approval/self_audit_start.html", {"farm": farm, "last": queries.last_submitted(farm)})
    return _render_self_audit(request, farm, draft)


def _render_self_audit(request, farm, draft, bound=None, status=200):
    page = queries.self_audit_page(draft)
    documents = queries.documents_of(farm)
    for _standard, sections in page["groups"]:
        for _section, answers in sections:
            for answer in answers:
                answer.form = (
                    bound
                    if bound is not None and bound.instance.pk == answer.pk
                    else forms.AnswerForm(instance=answer, farm=farm, documents=documents)
                )
    return render(request, "approval/self_audit.html", {"farm": farm, **page}, status=status)


@login_required
@require_POST
def self_audit_start(request):
    membership, farm = _own_farm(request)
    try:
        actions.start_self_audit(membership, farm)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
    return redirect("approval:self_audit")


@login_required
@require_POST
def answer_save(request, pk):
    """Save one answer. With htmx (as the farmer goes) only the item is swapped in; without, the page reloads."""
    membership, farm = _own_farm(request)
    answer = queries.answer_of(farm, pk)
    form = forms.AnswerForm(request.POST, request.FILES, instance=answer, farm=farm)
    saved = False
    if form.is_valid():
        try:
            actions.save_answer(membership, answer, **form.cleaned_data)
            saved = True
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
    if request.htmx:
        answer.refresh_from_db()
        if saved:
            form = forms.AnswerForm(instance=answer, farm=farm)
        answer.form = form
        page = queries.self_audit_page(answer.self_audit)
        return render(
            request, "approval/_answer.html", {"answer": answer, "saved": saved, "oob_progress": True, **page}
        )
    if saved:
        messages.success(request, _("Saved: %(code)s") % {"code": answer.item.code})
        return redirect(f"{reverse('approval:self_audit')}#answer-{answer.pk}")
    return _render_self_audit(request, farm, answer.self_audit, bound=form, status=400)


@login_required
@require_GET
def answer_photo(request, pk):
    """The photo given as evidence for an answer: for those who may read the farm's approval file."""
    answer = get_object_or_404(models.Answer.objects.select_related("self_audit__farm__provider"), pk=pk)
    farm = answer.self_audit.farm
    membership = access.active_membership(request)
    access.require(access.can_view_approval_file(membership, farm, queries.auditor_ids_of(farm)))
    if not answer.photo:
        raise Http404
    response = FileResponse(answer.photo.open("rb"), content_type=uploads.image_type_of(answer.photo))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def self_audit_submit(request):
    membership, farm = _own_farm(request)
    draft = queries.draft_of(farm)
    if draft is None:  # submitted already: a double click lands on the approval page
        return redirect("approval:farm")
    try:
        actions.submit_self_audit(membership, draft)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("approval:self_audit")
    messages.success(request, _("The self-audit is submitted. Each «No» is now a deviation with its deadline."))
    return redirect("approval:farm")


@login_required
@require_http_methods(["GET", "POST"])
def deviation(request, pk):
    """A deviation, and the form the farm closes it with."""
    membership, farm = _own_farm(request)
    deviation = queries.deviation_of(farm, pk)
    form = forms.CloseDeviationForm(request.POST or None, request.FILES or None, farm=farm)
    if request.method == "POST" and deviation.status == models.DeviationStatus.OPEN and form.is_valid():
        try:
            actions.close_deviation_with(membership, deviation, form)
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The deviation is closed. The auditor will verify it."))
            return redirect("approval:farm")
    status = 400 if form.errors else 200
    return render(
        request, "approval/deviation.html", {"farm": farm, "deviation": deviation, "form": form}, status=status
    )


# --- Revision (the auditor) -----------------------------------------------------------------------------


@login_required
@require_GET
def worklist(request):
    membership = access.active_membership(request)
    access.require(access.has_perm(membership, access.Perm.AUDIT_FARMS))
    return render(request, "approval/worklist.html", {"revisions": queries.worklist(membership.user)})


def _revision_for_auditor(request, pk):
    membership = access.active_membership(request)
    revision = queries.revision_of(pk)
    access.require(access.can_audit(membership, revision))
    return membership, revision


def _render_revision(request, revision, status=200, **forms_in_play):
    page = queries.revision_page(revision)
    for _standard, sections in page["groups"]:
        for _section, answers in sections:
            for answer in answers:
                bound = forms_in_play.get("review")
                answer.review_form = (
                    bound
                    if bound is not None and bound.answer.pk == answer.pk
                    else forms.ReviewForm(
                        answer=answer,
                        initial={
                            "verdict": answer.review.verdict if answer.review else models.ReviewVerdict.CONFIRMED,
                            "corrected_value": answer.review.corrected_value if answer.review else "",
                            "note": answer.review.note if answer.review else "",
                        },
                    )
                )
    items = (
        models.Item.objects.filter(version__in=revision.self_audit.versions.all())
        if revision.self_audit
        else (models.Item.objects.filter(version__status=models.VersionStatus.PUBLISHED))
    )
    context = {
        **page,
        "visit_form": forms_in_play.get("visit") or forms.VisitForm(instance=revision),
        "deviation_form": forms_in_play.get("deviation") or forms.DeviationForm(items=items),
        "editable": revision.status != models.RevisionStatus.ACCEPTED,
        "reopen_errors": forms_in_play.get("reopen"),
    }
    return render(request, "approval/revision.html", context, status=status)


@login_required
@require_GET
def revision(request, pk):
    membership, revision = _revision_for_auditor(request, pk)
    return _render_revision(request, revision)


@login_required
@require_POST
def revision_visit(request, pk):
    membership, revision = _revision_for_auditor(request, pk)
    form = forms.VisitForm(request.POST, instance=revision)
    if not form.is_valid():
        return _render_revision(request, revision, status=400, visit=form)
    attempt(request, actions.record_visit, membership, revision, **form.cleaned_data)
    return redirect("approval:revision", pk=revision.pk)


@login_required
@require_POST
def revision_review(request, pk, answer_pk):
    membership, revision = _revision_for_auditor(request, pk)
    answer = get_object_or_404(models.Answer, pk=answer_pk, self_audit_id=revision.self_audit_id)
    form = forms.ReviewForm(request.POST, answer=answer)
    if not form.is_valid():
        return _render_revision(request, revision, status=400, review=form)
    attempt(request, actions.review_answer, membership, revision, answer, **form.cleaned_data)
    return redirect(f"{reverse('approval:revision', args=[revision.pk])}#answer-{answer.pk}")


@login_required
@require_POST
def revision_deviation(request, pk):
    membership, revision = _revision_for_auditor(request, pk)
    items = (
        models.Item.objects.filter(version__in=revision.self_audit.versions.all())
        if revision.self_audit
        else (models.Item.objects.filter(version__status=models.VersionStatus.PUBLISHED))
    )
    form = forms.DeviationForm(request.POST, items=items)
    if not form.is_valid():
        return _render_revision(request, revision, status=400, deviation=form)
    attempt(request, actions.record_deviation, membership, revision, **form.cleaned_data)
    return redirect(f"{reverse('approval:revision', args=[revision.pk])}#deviations")


@login_required
@require_POST
def deviation_verify(request, pk, deviation_pk):
    membership, revision = _revision_for_auditor(request, pk)
    deviation = get_object_or_404(models.Deviation, pk=deviation_pk, farm=revision.farm)
    if "reopen" in request.POST:
        form = forms.ReopenForm(request.POST, prefix=f"d{deviation.pk}")
        if not form.is_valid():
            return _render_revision(request, revision, status=400, reopen=(deviation.pk, form))
        attempt(request, actions.reopen_deviation, membership, deviation, **form.cleaned_data)
    else:
        form = forms.VerifyForm(request.POST, prefix=f"d{deviation.pk}")
        form.is_valid()
        attempt(request, actions.verify_deviation, membership, deviation, note=form.cleaned_data.get("note", ""))
    return redirect(f"{reverse('approval:revision', args=[revision.pk])}#deviations")


@login_required
@require_POST
def revision_accept(request, pk):
    membership, revision = _revision_for_auditor(request, pk)
    if attempt(request, actions.accept_revision, membership, revision):
        messages.success(request, _("The revision is accepted."))
    return redirect("approval:revision", pk=revision.pk)


@login_required
@require_GET
def revision_report(request, pk):
    """The revision report as PDF: for the auditor, the farm itself and the approval body."""
    membership = access.active_membership(request)
    revision = queries.revision_of(pk)
    access.require(access.can_view_approval_file(membership, revision.farm, queries.auditor_ids_of(revision.farm)))
    page = queries.report(revision)
    photos = [(answer, data_uri(answer.photo)) for answer in page["photos"]]
    evidence = [
        (d, data_uri(d.evidence.file, d.evidence.content_type))
        for d in page["deviations"]
        if d.evidence_id and d.evidence.is_image
    ]
    return pdf_response(
        "pdf/revision_report.html",
        {**page, "photo_uris": photos, "evidence_uris": evidence, "today": timezone.localdate()},
        _("Revision report %(farm)s") % {"farm": revision.farm.name},
        request,
    )


# --- The approval body's overview -----------------------------------------------------------------------


def _approval_body(request):
    membership = access.active_membership(request)
    access.require(access.can_run_approvals(membership))
    return membership


@login_required
@require_GET
def overview(request):
    _approval_body(request)
    filters = forms.OverviewFilter(request.GET or None)
    county = status = None
    if filters.is_valid():
        county, status = filters.cleaned_data["county"], filters.cleaned_data["status"]
    page = queries.national_overview(county=county, status=status, page=request.GET.get("side", 1))
    return render(request, "approval/overview.html", {"filters": filters, **page})


def _render_farm_file(request, farm, status=200, **forms_in_play):
    approval = queries.approval_of(farm)
    context = {
        "farm": farm,
        "approval": approval,
        "events": queries.events_of(approval),
        "revision": queries.current_revision(farm),
        "deviations": queries.open_deviations(farm),
        "documents": queries.documents_of(farm),
        "last_submitted": queries.last_submitted(farm),
        "completions": course_completions_for(farm.provider),
        "assign_form": forms_in_play.get("assign") or forms.AssignForm(auditors=queries.auditor_choices()),
        "revoke_form": forms_in_play.get("revoke") or forms.RevokeForm(),
    }
    return render(request, "approval/farm_file.html", context, status=status)


@login_required
@require_GET
def farm_file(request, pk):
    _approval_body(request)
    return _render_farm_file(request, queries.farm_file(pk))


@login_required
@require_POST
def assign(request, pk):
    membership = _approval_body(request)
    farm = queries.farm_file(pk)
    form = forms.AssignForm(request.POST, auditors=queries.auditor_choices())
    if not form.is_valid():
        return _render_farm_file(request, farm, status=400, assign=form)
    if attempt(request, actions.assign_auditor, membership, farm, form.cleaned_data["auditor"]):
        messages.success(request, _("The auditor is assigned and has been told."))
    return redirect("approval:farm_file", pk=farm.pk)


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    """Revoking asks for a reason and a confirmation on its own page."""
    membership = _approval_body(request)
    farm = queries.farm_file(pk)
    form = forms.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if attempt(request, actions.revoke, membership, farm, form.cleaned_data["reason"]):
            messages.success(request, _("The approval is revoked. The farm has left the catalogue."))
        return redirect("approval:farm_file", pk=farm.pk)
    return render(request, "approval/revoke.html", {"farm": farm, "form": form}, status=400 if form.errors else 200)
