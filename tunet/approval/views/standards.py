"""The approval body's pages of the standards: the list, each version, and editing a draft."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.rules import attempt

from .. import forms, models
from ..actions import standards as actions
from ..queries import standards as queries

approval_body = access.acting(access.can_run_approvals)


def _version(code, number):
    """The standard and the version with its contents."""
    standard = queries.standard_by_code(code)
    return standard, queries.version_page(standard, number)


def _to_version(version):
    return redirect("approval:standard_version", code=version.standard.code, number=version.number)


def _editable(request, version):
    """None if the version can be edited, else a redirect to it with the reason (the actions check again)."""
    if version.is_draft:
        return None
    messages.error(request, _("Only a draft can be changed. Make a new draft to change the standard."))
    return _to_version(version)


@approval_body
@require_GET
def standards(request, membership):
    return render(request, "approval/standards/list.html", {"standards": queries.standards_overview()})


@approval_body
@require_GET
def standard(request, membership, code):
    """A standard's page is the version in force, or its draft before anything is published."""
    standard = queries.standard_by_code(code)
    versions = standard.version_list
    shown = next((v for v in versions if v.status == models.VersionStatus.PUBLISHED), None) or (
        versions[0] if versions else None
    )
    if shown is not None:
        return _to_version(shown)
    return render(request, "approval/standards/version.html", {"standard": standard, "version": None})


@approval_body
@require_GET
def standard_version(request, membership, code, number):
    standard, version = _version(code, number)
    return render(
        request,
        "approval/standards/version.html",
        {
            "standard": standard,
            "version": version,
            "draft": next((v for v in standard.version_list if v.is_draft), None),
        },
    )


@approval_body
@require_POST
def draft_new(request, membership, code):
    standard = queries.standard_by_code(code)
    drafted = attempt(request, actions.do_draft_version, membership, standard)
    if not drafted:
        return redirect("approval:standard", code=code)
    draft = drafted.result
    messages.success(
        request, _("Version %(number)s is a draft. Change it, then publish it.") % {"number": draft.number}
    )
    return _to_version(draft)


@approval_body
@require_http_methods(["GET", "POST"])
def version_notes(request, membership, code, number):
    standard, version = _version(code, number)
    if refused := _editable(request, version):
        return refused
    form = forms.VersionNotesForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        if attempt(request, actions.do_save_version_notes, membership, version, form.cleaned_data["notes"]):
            messages.success(request, _("The notes are saved."))
        return _to_version(version)
    return render(
        request,
        "approval/standards/form.html",
        {"standard": standard, "version": version, "form": form, "heading": _("What changed")},
    )


@approval_body
@require_http_methods(["GET", "POST"])
def version_publish(request, membership, code, number):
    standard, version = _version(code, number)
    if request.method == "POST":
        if attempt(request, actions.do_publish_version, membership, version):
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


# A refusal by the rules on a draft's form sends the person back to the version with the reason (a
# message), as the draft may have been published meanwhile: hence attempt() without the form.


@approval_body
@require_http_methods(["GET", "POST"])
def section_edit(request, membership, code, number, pk=None):
    standard, version = _version(code, number)
    if refused := _editable(request, version):
        return refused
    section = get_object_or_404(models.Section, pk=pk, version=version) if pk else models.Section(version=version)
    form = forms.SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        if attempt(request, actions.do_save_section, membership, version, section, **form.cleaned_data):
            messages.success(request, _("The section is saved."))
        return _to_version(version)
    heading = _("Change the section") if pk else _("New section")
    return render(
        request,
        "approval/standards/form.html",
        {"standard": standard, "version": version, "form": form, "heading": heading},
    )


@approval_body
@require_http_methods(["GET", "POST"])
def section_delete(request, membership, code, number, pk):
    standard, version = _version(code, number)
    if refused := _editable(request, version):
        return refused
    section = get_object_or_404(models.Section, pk=pk, version=version)
    if request.method == "POST":
        if attempt(request, actions.do_delete_section, membership, section):
            messages.success(request, _("The section «%(title)s» is deleted.") % {"title": section.title})
        return _to_version(version)
    return render(
        request,
        "approval/standards/delete.html",
        {"standard": standard, "version": version, "section": section, "items": list(section.items.all())},
    )


@approval_body
@require_http_methods(["GET", "POST"])
def item_edit(request, membership, code, number, pk=None):
    standard, version = _version(code, number)
    if refused := _editable(request, version):
        return refused
    item = get_object_or_404(models.Item, pk=pk, version=version) if pk else models.Item()
    initial = {} if pk else {"section": request.GET.get("seksjon")}
    form = forms.ItemForm(request.POST or None, instance=item, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        if saved := attempt(request, actions.do_save_item, membership, version, item, **form.cleaned_data):
            messages.success(request, _("%(code)s is saved.") % {"code": saved.result.code})
        return _to_version(version)
    heading = _("Change %(code)s") % {"code": item.code} if pk else _("New requirement")
    return render(
        request,
        "approval/standards/form.html",
        {"standard": standard, "version": version, "form": form, "heading": heading},
    )


@approval_body
@require_http_methods(["GET", "POST"])
def item_delete(request, membership, code, number, pk):
    standard, version = _version(code, number)
    if refused := _editable(request, version):
        return refused
    item = get_object_or_404(models.Item, pk=pk, version=version)
    if request.method == "POST":
        if attempt(request, actions.do_delete_item, membership, item):
            messages.success(request, _("%(code)s is deleted.") % {"code": item.code})
        return _to_version(version)
    return render(request, "approval/standards/delete.html", {"standard": standard, "version": version, "item": item})


MOVES = {"up": -1, "down": 1}


@approval_body
@require_POST
def move(request, membership, code, number, kind, pk):
    """Move a section or a requirement one place up or down (buttons on the draft's page)."""
    _standard, version = _version(code, number)
    step = MOVES.get(request.POST.get("direction"))
    if step is None:
        return _to_version(version)
    if kind == "seksjon":
        section = get_object_or_404(models.Section, pk=pk, version=version)
        moved = attempt(request, actions.do_move_section, membership, section, step)
    else:
        item = get_object_or_404(models.Item, pk=pk, version=version)
        moved = attempt(request, actions.do_move_item, membership, item, step)
    response = _to_version(version)
    if moved:
        response["Location"] += f"#{'section' if kind == 'seksjon' else 'item'}-{pk}"
    return response
