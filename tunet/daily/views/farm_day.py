"""«I dag»: the day's participants, one tap each for attendance, the closed day, the day's note and
absences known ahead of time."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.rules import attempt, submitted

from .. import actions, forms, queries
from ..models import AttendanceStatus


def _day_or_404(day):
    if day is None:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(day)
    except ValueError:
        access.refuse(hidden=True)


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


@access.acting()
@require_GET
def day(request, membership, day=None):
    """«I dag»: the day's participants in pick-up order, one tap each for attendance."""
    farm = queries.farm_day_for(membership)
    day = _day_or_404(day)
    page = queries.day_page(membership, farm, day)
    access.log_shown(request, membership, [card.participant for card in page["cards"]], _("The farm day"))
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


@access.acting()
@require_POST
def attendance(request, membership, day, pk):
    """One tap. With htmx only the participant's card comes back; without, the page reloads at the card."""
    placement = queries.placement_on_farm_for(membership, pk)
    day = _day_or_404(day)
    form = forms.AttendanceForm(request.POST)
    tapped = submitted(request, form, actions.do_record_attendance, membership, placement, day)
    if tapped:
        error = ""
    elif form.non_field_errors():
        error = form.non_field_errors()[0]  # what the rules said (the form itself has no such errors)
    else:
        error = _("Choose one of the attendance options, and hours between 0 and 24.")
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_day_url(day, f"card-{placement.pk}"))
    record = tapped.result if tapped else placement.attendance.filter(date=day).first()
    access.log_shown(request, membership, [placement.participant], _("The farm day"))
    card = queries.card_for(membership, placement, record)
    closed = queries.closed_day(placement.agreement.farm, day)
    return render(
        request,
        "daily/_card.html",
        {"card": card, "closed": closed, "error": error, "saved": not error, **_day_context(day)},
    )


@access.acting()
@require_POST
def close(request, membership, day):
    farm = queries.farm_day_for(membership)
    day = _day_or_404(day)
    form = forms.ClosedDayForm(request.POST)
    if submitted(request, form, actions.do_close_day, membership, farm, day):
        messages.success(request, _("The farm is closed on %(day)s.") % {"day": date_format(day, "l j. F")})
    elif form.non_field_errors():  # the rules refused (a sent month): shown on the day it redirects to
        messages.error(request, form.non_field_errors()[0])
    return redirect(_day_url(day))


@access.acting()
@require_POST
def reopen(request, membership, day):
    farm = queries.farm_day_for(membership)
    day = _day_or_404(day)
    if attempt(request, actions.do_reopen_day, membership, farm, day):
        messages.success(request, _("The farm is open on %(day)s.") % {"day": date_format(day, "l j. F")})
    return redirect(_day_url(day))


@access.acting()
@require_POST
def day_note(request, membership, day):
    farm = queries.farm_day_for(membership)
    day = _day_or_404(day)
    if submitted(request, forms.DayNoteForm(request.POST), actions.do_save_day_note, membership, farm, day):
        messages.success(request, _("The day's note is saved."))
    return redirect(_day_url(day, "note-heading"))


@access.acting()
@require_http_methods(["GET", "POST"])
def absence(request, membership):
    """Register an absence ahead of time (the list of participants is the farm's own)."""
    farm = queries.farm_day_for(membership)
    placements = queries.farm_placements(farm)
    form = forms.AbsenceForm(request.POST or None, placements=placements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request, actions.do_record_absence, membership, data["placement"], data["date"], data["note"], form=form
        ):
            messages.success(
                request,
                _("%(name)s is registered as absent on %(day)s.")
                % {"name": data["placement"].participant, "day": date_format(data["date"], "l j. F")},
            )
            return redirect("daily:absence")
    access.log_shown(request, membership, [p.participant for p in placements], _("Absence ahead of time"))
    return render(request, "daily/absence.html", {"form": form, "farm": farm})
