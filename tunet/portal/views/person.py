"""The participant's own pages («Mine sider»), for the participant and for relatives with consent.

Each page fetches the person's way in with queries.grant_for(), which refuses what the consent does not
cover, and logs the read of the participant's data before it is shown, as every staff page does.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.forms import posted
from tunet.core.rules import attempt, submitted

from .. import actions, forms, queries
from ..models import PortalAccess


def person(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the participant's own: needs a login; the person's data pages are never cached."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    return login_required(wrapped)


def _log(request: HttpRequest, grant: PortalAccess, what: str) -> None:
    access.log_access(request.user, None, grant.participant, what, request.path)  # type: ignore[arg-type]


def _page(request: HttpRequest, grant: PortalAccess, template: str, active: str, status: int = 200, **context: Any):
    return render(
        request,
        f"portal/{template}",
        {"grant": grant, "participant": grant.participant, "active": active, **context},
        status=status,
    )


@person
@require_GET
def home(request):
    """«Mine sider»: straight to the one participant a person follows, or a choice of them."""
    grants = queries.grants_of(request.user)
    if len(grants) == 1:
        return redirect("portal:overview", pk=grants[0].participant_id)
    return render(request, "portal/home.html", {"grants": grants})


@person
@require_GET
def overview(request, pk):
    grant = queries.grant_for(request.user, pk)
    today = timezone.localdate()
    days = queries.coming_days(grant.participant, today, days=14) if grant.covers(access.SEES_DAYS) else []
    due = queries.due_check_ins(queries.active_placements(grant.participant), today)
    _log(request, grant, _("my pages: the first page"))
    return _page(request, grant, "overview.html", "overview", next_day=days[0] if days else None, check_in_due=due)


@person
@require_GET
def farm_days(request, pk):
    grant = queries.grant_for(request.user, pk, access.SEES_DAYS)
    days = queries.coming_days(grant.participant, timezone.localdate())
    _log(request, grant, _("my pages: farm days"))
    farms = list({day.placement.agreement.farm_id: day.placement.agreement.farm for day in days}.values())
    return _page(
        request,
        grant,
        "farm_days.html",
        "days",
        days=days,
        farms=farms,
        shows_address=access.portal_shows_address(grant),
    )


def _absence_choices(days: list[queries.FarmDay]) -> list[tuple[str, str]]:
    """The days absence can be reported for: not closed, not yet written down by the farm. The farm is
    named only when there is more than one."""
    many_farms = len({day.placement.agreement.farm_id for day in days}) > 1
    return [
        (f"{day.placement.pk}:{day.date.isoformat()}", _day_label(day, many_farms))
        for day in days
        if day.closed is None and (day.attendance is None or day.absence_reported)
    ]


def _day_label(day: queries.FarmDay, with_farm: bool) -> str:
    label = f"{_weekday(day.date)} {day.date.day}.{day.date.month}."
    return f"{label} – {day.placement.agreement.farm.name}" if with_farm else label


def _weekday(day: datetime.date) -> str:
    return date_format(day, "l").capitalize()


@person
@require_http_methods(["GET", "POST"])
def absence(request, pk):
    grant = queries.grant_for(request.user, pk, access.REPORTS_ABSENCE)
    days = queries.coming_days(grant.participant, timezone.localdate())
    form = forms.AbsenceForm(posted(request), choices=_absence_choices(days))
    if request.method == "POST" and form.is_valid():
        by_key = {f"{day.placement.pk}:{day.date.isoformat()}": (day.placement, day.date) for day in days}
        chosen = [by_key[key] for key in form.cleaned_data["days"]]
        if attempt(request, actions.do_report_absence, grant, days=chosen, reason=form.cleaned_data["reason"]):
            flash.success(request, _("Thank you. The farm can see that you will not come."))
            return redirect("portal:farm_days", pk=pk)
        return redirect(request.path)
    _log(request, grant, _("my pages: report absence"))
    reported = [day for day in days if day.absence_reported]
    return _page(
        request,
        grant,
        "absence.html",
        "absence",
        status=400 if form.errors else 200,
        form=form,
        reported=reported,
    )


@person
@require_POST
def absence_take_back(request, pk):
    grant = queries.grant_for(request.user, pk, access.REPORTS_ABSENCE)
    try:
        placement_pk, day = int(request.POST.get("placement", "")), datetime.date.fromisoformat(request.POST["day"])
    except (KeyError, ValueError):
        flash.error(request, _("Choose a day."))
        return redirect("portal:absence", pk=pk)
    placement = queries.placement_of(grant.participant, placement_pk)
    if attempt(request, actions.do_take_back_absence, grant, placement, day=day):
        flash.success(request, _("Good. The farm can see that you will come after all."))
    return redirect("portal:absence", pk=pk)


@person
@require_GET
def goals(request, pk):
    grant = queries.grant_for(request.user, pk, access.SEES_GOALS)
    shown = queries.shared_goals(grant.participant)
    _log(request, grant, _("my pages: goals"))
    return _page(request, grant, "goals.html", "goals", goals=shown)


@person
@require_GET
def contact(request, pk):
    grant = queries.grant_for(request.user, pk)
    placements = queries.active_placements(grant.participant)
    _log(request, grant, _("my pages: contact"))
    return _page(
        request, grant, "contact.html", "contact", placements=placements, case_worker=grant.participant.created_by
    )


@person
@require_GET
def looks(request, pk):
    grant = queries.grant_for(request.user, pk, access.SEES_RECORDS)
    _log(request, grant, _("my pages: who has seen my information"))
    return _page(request, grant, "looks.html", "looks", looks=queries.looks_at(grant.participant, request.user))


@person
@require_http_methods(["GET", "POST"])
def records(request, pk):
    grant = queries.grant_for(request.user, pk, access.SEES_RECORDS)
    form = forms.CorrectionForm(posted(request))
    if submitted(request, form, actions.do_ask_for_correction, grant):
        flash.success(request, _("Thank you. Your case worker will look at it."))
        return redirect("portal:records", pk=pk)
    _log(request, grant, _("my pages: my information"))
    return _page(
        request,
        grant,
        "records.html",
        "records",
        status=400 if form.errors else 200,
        form=form,
        shows_address=access.portal_shows_address(grant),
        corrections=queries.corrections_of(grant.participant),
        **queries.own_records(grant.participant),
    )


@person
@require_http_methods(["GET", "POST"])
def messages(request, pk):
    grant = queries.grant_for(request.user, pk, access.MAY_BE_CONTACTED)
    placements = queries.active_placements(grant.participant)
    form = forms.MessageForm(posted(request))
    if request.method == "POST":
        placement = queries.placement_of(grant.participant, _int(request.POST.get("placement")))
        if submitted(request, form, actions.do_write_message, grant, placement):
            flash.success(request, _("The message is sent."))
            return redirect("portal:messages", pk=pk)
    threads = queries.threads_of(placements)
    _log(request, grant, _("my pages: messages"))
    return _page(
        request, grant, "messages.html", "messages", status=400 if form.errors else 200, form=form, threads=threads
    )


@person
@require_http_methods(["GET", "POST"])
def check_in(request, pk):
    grant = queries.grant_for(request.user, pk, access.SEES_DAYS)
    today = timezone.localdate()
    due = queries.due_check_ins(queries.active_placements(grant.participant), today)
    form = forms.CheckInForm(posted(request))
    if request.method == "POST":
        placement = queries.placement_of(grant.participant, _int(request.POST.get("placement")))
        if submitted(request, form, actions.do_answer_check_in, grant, placement):
            flash.success(request, _("Thank you for your answers."))
            return redirect("portal:overview", pk=pk)
    _log(request, grant, _("my pages: how is it going"))
    return _page(request, grant, "check_in.html", "check_in", status=400 if form.errors else 200, form=form, due=due)


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
