"""Views of the farm day, incidents, meetings and invoice bases: thin, they parse the request, ask
access.py, call a query or an action, log what participant data they show, and render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.pdf import pdf_response

from . import actions, exports, forms, queries
from .invoice import month_days
from .models import AttendanceStatus, ClosedDay, InvoiceStatus, Severity


def _log(request, membership, subjects, what):
    access.log_access_many(request.user, membership, subjects, what, request.get_full_path())


# --- The farm day ----------------------------------------------------------------------------------------


def _farm_day(request):
    """The membership and its farm, for people who run the farm day (403 for everyone else)."""
    membership = access.active_membership(request)
    farm = queries.farm_of(membership) if membership is not None else None
    access.require(farm is not None and access.can_run_farm_day(membership, farm))
    return membership, farm


def _day_or_404(day):
    if day is None:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error


def _day_url(day, anchor=""):
    url = reverse("daily:day_on", args=[day.isoformat()])
    return f"{url}#{anchor}" if anchor else url


STATUS_BUTTONS = [
    (AttendanceStatus.PRESENT, "success"),
    (AttendanceStatus.ABSENT_NOTICE, "info"),
    (AttendanceStatus.NO_SHOW, "warning"),
    (AttendanceStatus.SENT_HOME, "warning"),
    (AttendanceStatus.CLOSED, "neutral"),
]


def _day_context(day):
    today = timezone.localdate()
    return {
        "day": day,
        "is_today": day == today,
        "is_future": day > today,
        "previous_day": day - datetime.timedelta(days=1),
        "next_day": day + datetime.timedelta(days=1),
        "buttons": STATUS_BUTTONS,
    }


@login_required
@require_GET
def day(request, day=None):
    """«I dag»: the day's participants in pick-up order, one tap each for attendance."""
    membership, farm = _farm_day(request)
    day = _day_or_404(day)
    page = queries.day_page(membership, farm, day)
    _log(request, membership, [card.participant for card in page["cards"]], _("The farm day"))
    day_note = page["day_note"]
    return render(
        request,
        "daily/day.html",
        {
            **page,
            **_day_context(day),
            "farm": farm,
            "note_form": forms.DayNoteForm(
                initial={"activities": day_note.activities, "note": day_note.note} if day_note else None
            ),
            "closed_form": forms.ClosedDayForm(),
        },
    )


@login_required
@require_POST
def attendance(request, day, pk):
    """One tap. With htmx only the participant's card comes back; without, the page reloads at the card."""
    membership, farm = _farm_day(request)
    day = _day_or_404(day)
    placement = queries.farm_placement(farm, pk)
    form = forms.AttendanceForm(request.POST)
    error = ""
    record = None
    if form.is_valid():
        try:
            record = actions.record_attendance(
                membership, placement, day, form.cleaned_data["status"], hours=form.cleaned_data["hours"]
            )
        except actions.NotAllowed as refusal:
            error = str(refusal)
    else:
        error = _("Choose one of the attendance options, and hours between 0 and 24.")
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_day_url(day, f"card-{placement.pk}"))
    if record is None:
        record = placement.attendance.filter(date=day).first()
    _log(request, membership, [placement.participant], _("The farm day"))
    card = queries.card_for(membership, placement, record)
    closed = ClosedDay.objects.filter(farm=farm, date=day).first()
    return render(
        request,
        "daily/_card.html",
        {"card": card, "closed": closed, "error": error, "saved": not error, **_day_context(day)},
    )


@login_required
@require_POST
def close(request, day):
    membership, farm = _farm_day(request)
    day = _day_or_404(day)
    form = forms.ClosedDayForm(request.POST)
    if form.is_valid():
        actions.close_day(membership, farm, day, form.cleaned_data["reason"])
        messages.success(request, _("The farm is closed on %(day)s.") % {"day": date_format(day, "l j. F")})
    return redirect(_day_url(day))


@login_required
@require_POST
def reopen(request, day):
    membership, farm = _farm_day(request)
    day = _day_or_404(day)
    actions.open_day(membership, farm, day)
    messages.success(request, _("The farm is open on %(day)s.") % {"day": date_format(day, "l j. F")})
    return redirect(_day_url(day))


@login_required
@require_POST
def day_note(request, day):
    membership, farm = _farm_day(request)
    day = _day_or_404(day)
    form = forms.DayNoteForm(request.POST)
    if form.is_valid():
        actions.save_day_note(membership, farm, day, form.cleaned_data["activities"], form.cleaned_data["note"])
        messages.success(request, _("The day's note is saved."))
    return redirect(_day_url(day, "note-heading"))


@login_required
@require_http_methods(["GET", "POST"])
def absence(request):
    """Register an absence ahead of time (the list of participants is the farm's own)."""
    membership, farm = _farm_day(request)
    placements = queries.farm_placements(farm)
    form = forms.AbsenceForm(request.POST or None, placements=placements)
    if request.method == "POST" and form.is_valid():
        placement = next(p for p in placements if p.pk == form.cleaned_data["placement"])
        try:
            actions.mark_absent_ahead(membership, placement, form.cleaned_data["date"], form.cleaned_data["note"])
        except actions.NotAllowed as refusal:
            form.add_error("date", str(refusal))
        else:
            messages.success(
                request,
                _("%(name)s is registered as absent on %(day)s.")
                % {"name": placement.participant, "day": date_format(form.cleaned_data["date"], "l j. F")},
            )
            return redirect("daily:absence")
    _log(request, membership, [p.participant for p in placements], _("Absence ahead of time"))
    return render(request, "daily/absence.html", {"form": form, "farm": farm})


# --- Incidents -------------------------------------------------------------------------------------------


def _membership_following(request):
    membership = access.active_membership(request)
    access.require(access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS))
    return membership


@login_required
@require_GET
def incidents(request):
    membership = _membership_following(request)
    shown = list(queries.incidents_visible_to(membership)[:200])
    _log(request, membership, {i.placement.participant for i in shown}, _("Incidents"))
    farm = queries.farm_of(membership)
    return render(
        request,
        "daily/incidents.html",
        {"incidents": shown, "can_report": farm is not None and access.can_run_farm_day(membership, farm)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_new(request):
    membership, farm = _farm_day(request)
    placements = queries.farm_placements(farm)
    form = forms.IncidentForm(request.POST or None, placements=placements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement = next(p for p in placements if p.pk == data["placement"])
        try:
            incident = actions.report_incident(
                membership,
                placement,
                occurred_at=data["occurred_at"],
                severity=data["severity"],
                what_happened=data["what_happened"],
                immediate_action=data["immediate_action"],
            )
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The incident is reported, and the buyer has been told."))
            return redirect("daily:incident", pk=incident.pk)
    _log(request, membership, [p.participant for p in placements], _("Report an incident"))
    return render(request, "daily/incident_new.html", {"form": form, "farm": farm, "severities": Severity})


@login_required
@require_http_methods(["GET", "POST"])
def incident(request, pk):
    membership = access.active_membership(request)
    incident = queries.incident_of(pk)
    access.require(access.can_follow_agreement(membership, incident.placement.agreement))
    form = forms.FollowUpForm(request.POST or None, initial={"text": incident.follow_up})
    if request.method == "POST" and form.is_valid():
        actions.record_follow_up(membership, incident, form.cleaned_data["text"])
        messages.success(request, _("The follow-up is saved."))
        return redirect("daily:incident", pk=incident.pk)
    _log(request, membership, [incident.placement.participant], _("Incident"))
    return render(request, "daily/incident.html", {"incident": incident, "form": form})


# --- Follow-up meetings ----------------------------------------------------------------------------------


def _agreement(request, pk):
    membership = access.active_membership(request)
    agreement = queries.agreement_of(pk)
    access.require(access.can_follow_agreement(membership, agreement))
    return membership, agreement


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request, pk):
    membership, agreement = _agreement(request, pk)
    version = queries.version_in_force(queries.signed_versions(agreement))
    form = forms.ScheduleForm(request.POST or None, initial={"first": timezone.localdate() + datetime.timedelta(14)})
    if request.method == "POST" and form.is_valid():
        try:
            new = actions.schedule_meetings(
                membership, agreement, version, form.cleaned_data["first"], form.cleaned_data["count"]
            )
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("%(count)s meetings planned.") % {"count": len(new)})
            return redirect("daily:meetings", pk=agreement.pk)
    shown = queries.meetings_page(agreement)
    _log(request, membership, {m.placement.participant for m in shown if m.placement}, _("Follow-up meetings"))
    return render(
        request,
        "daily/meetings.html",
        {"agreement": agreement, "meetings": shown, "form": form, "version": version},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request, pk):
    membership = access.active_membership(request)
    meeting = queries.meeting_of(pk)
    access.require(access.can_follow_agreement(membership, meeting.agreement))
    minutes_form = forms.MinutesForm(initial={"minutes": meeting.minutes}, prefix="minutes")
    action_form = forms.MeetingActionForm(prefix="action")
    if request.method == "POST":
        if "minutes-minutes" in request.POST:
            minutes_form = forms.MinutesForm(request.POST, prefix="minutes")
            if minutes_form.is_valid():
                actions.record_minutes(membership, meeting, minutes_form.cleaned_data["minutes"])
                messages.success(request, _("The minutes are saved."))
                return redirect("daily:meeting", pk=meeting.pk)
        else:
            action_form = forms.MeetingActionForm(request.POST, prefix="action")
            if action_form.is_valid():
                actions.add_meeting_action(membership, meeting, **action_form.cleaned_data)
                messages.success(request, _("The action is added."))
                return redirect("daily:meeting", pk=meeting.pk)
    if meeting.placement:
        _log(request, membership, [meeting.placement.participant], _("Follow-up meeting"))
    return render(
        request,
        "daily/meeting.html",
        {"meeting": meeting, "minutes_form": minutes_form, "action_form": action_form},
    )


@login_required
@require_POST
def meeting_action_done(request, pk, action_pk):
    membership = access.active_membership(request)
    meeting = queries.meeting_of(pk)
    action = next((a for a in meeting.actions.all() if a.pk == action_pk), None)
    if action is None:
        raise Http404
    actions.set_action_done(membership, action, done=request.POST.get("done") == "1")
    return redirect("daily:meeting", pk=meeting.pk)


# --- The invoice basis -----------------------------------------------------------------------------------


def _invoice(request, pk, year, month):
    """The membership, the agreement, the month, the page's data, and whether this is the farm's side."""
    membership, agreement = _agreement(request, pk)
    month = actions.parse_month(year, month)
    if month is None:
        raise Http404
    page = queries.invoice_month(agreement, month)
    farm_side = access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS, agreement.farm.provider)
    sent = page["saved"] is not None and page["saved"].status == InvoiceStatus.SENT
    return membership, agreement, month, page, farm_side, sent


def _participants_of(page):
    return [placement.participant for placement in page["placements"]]


@login_required
@require_GET
def invoice_latest(request, pk):
    """The invoice basis for last month, which is the one a farm usually sends."""
    _agreement(request, pk)
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    return redirect("daily:invoice", pk=pk, year=last_month.year, month=last_month.month)


@login_required
@require_http_methods(["GET", "POST"])
def invoice(request, pk, year, month):
    membership, agreement, month, page, farm_side, sent = _invoice(request, pk, year, month)
    if request.method == "POST":
        try:
            actions.send_invoice_basis(membership, agreement, month, page["computed"])
        except actions.NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The invoice basis is sent to %(buyer)s.") % {"buyer": agreement.buyer.name})
        return redirect("daily:invoice", pk=agreement.pk, year=month.year, month=month.month)
    visible = farm_side or sent
    if visible:
        _log(request, membership, _participants_of(page), _("Invoice basis"))
    previous = month - datetime.timedelta(days=1)
    following = month_days(month)[-1] + datetime.timedelta(days=1)
    return render(
        request,
        "daily/invoice.html",
        {
            **page,
            "agreement": agreement,
            "month": month,
            "basis": queries.shown_basis(page) if visible else None,
            "visible": visible,
            "sent": sent,
            "farm_side": farm_side,
            "can_send": access.can_send_invoice_basis(membership, agreement) and not sent,
            "previous": previous.replace(day=1),
            "following": following,
            "sent_bases": queries.sent_bases(agreement),
        },
    )


@login_required
@require_GET
def invoice_download(request, pk, year, month, fmt):
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    membership, agreement, month, page, farm_side, sent = _invoice(request, pk, year, month)
    if not (farm_side or sent):
        raise Http404  # the buyer sees a month when the farm has sent it
    _log(
        request, membership, _participants_of(page), _("Invoice basis, download (%(format)s)") % {"format": fmt.upper()}
    )
    document = {
        "agreement": agreement,
        "month": month,
        "basis": queries.shown_basis(page),
        "sent": sent,
        "saved": page["saved"],
        "in_force": page["in_force"],
        "summary": page["summary"],
        "closed_days": page["closed_days"],
    }
    name = f"fakturagrunnlag-{agreement.pk}-{month:%Y-%m}"
    if fmt == "csv":
        return exports.csv_response(document, name)
    if fmt == "xlsx":
        return exports.xlsx_response(document, name)
    return pdf_response("pdf/invoice_basis.html", document, f"{name}.pdf", request)


# --- The monthly attendance report -----------------------------------------------------------------------


def _report(request, pk, year, month):
    membership = access.active_membership(request)
    placement = queries.placement_of(pk)
    # The registering buyer, and the farm's people unless the farm declined the referral.
    access.require(
        access.can_follow_placement(membership, placement, farm_may_see=placement.status in queries.FARM_SEES)
    )
    month = actions.parse_month(year, month)
    if month is None:
        raise Http404
    return membership, placement, month


@login_required
@require_GET
def attendance_report(request, pk, year, month):
    membership, placement, month = _report(request, pk, year, month)
    _log(request, membership, [placement.participant], _("Attendance report"))
    previous = month - datetime.timedelta(days=1)
    following = month_days(month)[-1] + datetime.timedelta(days=1)
    return render(
        request,
        "daily/attendance_report.html",
        {
            "placement": placement,
            "month": month,
            "previous": previous.replace(day=1),
            "following": following,
            **queries.attendance_report(placement, month),
        },
    )


@login_required
@require_GET
def attendance_report_pdf(request, pk, year, month):
    membership, placement, month = _report(request, pk, year, month)
    _log(request, membership, [placement.participant], _("Attendance report, PDF"))
    return pdf_response(
        "pdf/attendance_report.html",
        {"placement": placement, "month": month, **queries.attendance_report(placement, month)},
        # Not the participant's name: downloads end up in shared folders and mail attachments.
        f"oppmote-plass-{placement.pk}-{month:%Y-%m}.pdf",
        request,
    )
