"""Follow-up meetings of an agreement: the plan, the minutes and the actions agreed."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.rules import attempt, submitted

from .. import actions, forms, queries


@access.acting()
@require_http_methods(["GET", "POST"])
def meetings(request, membership, pk):
    agreement = queries.agreement_papers_for(membership, pk)
    version = queries.version_in_force(queries.signed_versions(agreement))
    form = forms.ScheduleForm(request.POST or None, initial={"first": timezone.localdate() + datetime.timedelta(14)})
    if planned := submitted(request, form, actions.do_schedule_meetings, membership, agreement, version):
        messages.success(request, _("%(count)s meetings planned.") % {"count": len(planned.result)})
        return redirect("daily:meetings", pk=agreement.pk)
    shown = queries.meetings_page(agreement)
    access.log_shown(
        request, membership, {m.placement.participant for m in shown if m.placement}, _("Follow-up meetings")
    )
    return render(
        request,
        "daily/meetings.html",
        {"agreement": agreement, "meetings": shown, "form": form, "version": version},
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def meeting(request, membership, pk):
    meeting = queries.meeting_for(membership, pk)
    minutes_form = forms.MinutesForm(initial={"minutes": meeting.minutes}, prefix="minutes")
    action_form = forms.MeetingActionForm(prefix="action")
    if request.method == "POST":
        if "minutes-minutes" in request.POST:
            minutes_form = forms.MinutesForm(request.POST, prefix="minutes")
            if submitted(request, minutes_form, actions.do_record_minutes, membership, meeting):
                messages.success(request, _("The minutes are saved."))
                return redirect("daily:meeting", pk=meeting.pk)
        else:
            action_form = forms.MeetingActionForm(request.POST, prefix="action")
            if submitted(request, action_form, actions.do_add_meeting_action, membership, meeting):
                messages.success(request, _("The action is added."))
                return redirect("daily:meeting", pk=meeting.pk)
    if meeting.placement:
        access.log_shown(request, membership, [meeting.placement.participant], _("Follow-up meeting"))
    return render(
        request,
        "daily/meeting.html",
        {"meeting": meeting, "minutes_form": minutes_form, "action_form": action_form},
    )


@access.acting()
@require_POST
def meeting_action_done(request, membership, pk, action_pk):
    action = queries.meeting_action_for(membership, pk, action_pk)
    attempt(request, actions.do_set_action_done, membership, action, done=request.POST.get("done") == "1")
    return redirect("daily:meeting", pk=pk)
