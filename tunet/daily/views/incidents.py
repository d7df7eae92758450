"""Incidents: the farm reports what happened, the buyer is told, either side records the follow-up."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tunet.accounts import access
from tunet.core.rules import submitted

from .. import actions, forms, queries
from ..models import Severity


@access.acting(access.may(access.Perm.FOLLOW_PARTICIPANTS))
@require_GET
def incidents(request, membership):
    shown = list(queries.incidents_visible_to(membership)[:200])
    access.log_shown(request, membership, {i.placement.participant for i in shown}, _("Incidents"))
    return render(
        request,
        "daily/incidents.html",
        {"incidents": shown, "can_report": queries.farm_run_by(membership) is not None},
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def incident_new(request, membership):
    farm = queries.farm_day_for(membership)
    placements = queries.farm_placements(farm)
    form = forms.IncidentForm(request.POST or None, placements=placements)
    if reported := submitted(request, form, actions.do_report_incident, membership):
        messages.success(request, _("The incident is reported, and the buyer has been told."))
        return redirect("daily:incident", pk=reported.result.pk)
    access.log_shown(request, membership, [p.participant for p in placements], _("Report an incident"))
    return render(request, "daily/incident_new.html", {"form": form, "farm": farm, "severities": Severity})


@access.acting()
@require_http_methods(["GET", "POST"])
def incident(request, membership, pk):
    incident = queries.incident_for(membership, pk)
    form = forms.FollowUpForm(request.POST or None, initial={"text": incident.follow_up})
    if submitted(request, form, actions.do_record_follow_up, membership, incident):
        messages.success(request, _("The follow-up is saved."))
        return redirect("daily:incident", pk=incident.pk)
    access.log_shown(request, membership, [incident.placement.participant], _("Incident"))
    return render(request, "daily/incident.html", {"incident": incident, "form": form})
