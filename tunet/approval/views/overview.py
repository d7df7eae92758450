"""The approval body's pages: the national overview and a farm's file (assign an auditor, revoke)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.rules import attempt
from tunet.learning.queries import course_completions_for

from .. import forms
from ..actions import overview as actions
from ..queries import documents as document_queries
from ..queries import overview as queries
from ..queries import revision as revision_queries
from ..queries import self_audit as self_audit_queries

approval_body = access.acting(access.can_run_approvals)


@approval_body
@require_GET
def overview(request, membership):
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
        "revision": revision_queries.current_revision(farm),
        "deviations": self_audit_queries.open_deviations(farm),
        "documents": document_queries.documents_of(farm),
        "last_submitted": self_audit_queries.last_submitted(farm),
        "completions": course_completions_for(farm.provider),
        "assign_form": forms_in_play.get("assign") or forms.AssignForm(auditors=queries.auditor_choices()),
        "revoke_form": forms_in_play.get("revoke") or forms.RevokeForm(),
    }
    return render(request, "approval/farm_file.html", context, status=status)


@approval_body
@require_GET
def farm_file(request, membership, pk):
    return _render_farm_file(request, queries.farm_file_for(membership, pk))


@approval_body
@require_POST
def assign(request, membership, pk):
    farm = queries.farm_file_for(membership, pk)
    form = forms.AssignForm(request.POST, auditors=queries.auditor_choices())
    if not form.is_valid():
        return _render_farm_file(request, farm, status=400, assign=form)
    if attempt(request, actions.do_assign_auditor, membership, farm, form.cleaned_data["auditor"]):
        messages.success(request, _("The auditor is assigned and has been told."))
    return redirect("approval:farm_file", pk=farm.pk)


@approval_body
@require_http_methods(["GET", "POST"])
def revoke(request, membership, pk):
    """Revoking asks for a reason and a confirmation on its own page."""
    farm = queries.farm_file_for(membership, pk)
    form = forms.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if attempt(request, actions.do_revoke_approval, membership, farm, form.cleaned_data["reason"]):
            messages.success(request, _("The approval is revoked. The farm has left the catalogue."))
        return redirect("approval:farm_file", pk=farm.pk)
    return render(request, "approval/revoke.html", {"farm": farm, "form": form}, status=400 if form.errors else 200)
