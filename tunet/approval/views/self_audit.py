"""The farm's approval page, its self-audit and its deviations."""

import datetime

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core import uploads
from tunet.core.rules import attempt, submitted
from tunet.learning.queries import course_completions_for

from .. import forms, lifecycle, models
from ..actions import revision as deviation_actions
from ..actions import self_audit as actions
from ..queries import documents as document_queries
from ..queries import overview as overview_queries
from ..queries import revision as revision_queries
from ..queries import self_audit as queries


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


@access.acting()
@require_GET
def farm(request, membership):
    """The farm's «Godkjenning» page: status, next deadlines, what to do next."""
    farm = queries.own_farm_for(membership)
    approval = overview_queries.approval_of(farm)
    last = queries.last_submitted(farm)
    page = {
        "farm": farm,
        "approval": approval,
        "events": overview_queries.events_of(approval),
        "draft": queries.draft_of(farm),
        "last_submitted": last,
        "self_audit_due": lifecycle.self_audit_due(last.submitted_at if last else None, timezone.localdate()),
        "deviations": queries.open_deviations(farm),
        "revision": revision_queries.current_revision(farm),
        "expiring": document_queries.expiring_documents(
            farm, timezone.localdate(), sensitive=document_queries.shows_sensitive(membership, farm)
        ),
        "completions": course_completions_for(farm.provider),
    }
    page["steps"] = _next_steps(farm, page)
    return render(request, "approval/farm.html", page)


@access.acting()
@require_GET
def self_audit(request, membership):
    farm = queries.own_farm_for(membership)
    draft = queries.draft_of(farm)
    if draft is None:
        return render(request, "approval/self_audit_start.html", {"farm": farm, "last": queries.last_submitted(farm)})
    return _render_self_audit(request, membership, farm, draft)


def _render_self_audit(request, membership, farm, draft, bound=None, status=200):
    page = queries.self_audit_page(draft)
    documents = document_queries.documents_of(farm, sensitive=document_queries.shows_sensitive(membership, farm))
    for _standard, sections in page["groups"]:
        for _section, answers in sections:
            for answer in answers:
                answer.form = (
                    bound
                    if bound is not None and bound.instance.pk == answer.pk
                    else forms.AnswerForm(instance=answer, farm=farm, documents=documents)
                )
    return render(request, "approval/self_audit.html", {"farm": farm, **page}, status=status)


@access.acting()
@require_POST
def self_audit_start(request, membership):
    farm = queries.own_farm_for(membership)
    attempt(request, actions.do_start_self_audit, membership, farm)
    return redirect("approval:self_audit")


@access.acting()
@require_POST
def answer_save(request, membership, pk):
    """Save one answer. With htmx (as the farmer goes) only the item is swapped in; without, the page reloads."""
    farm = queries.own_farm_for(membership)
    answer = queries.answer_of(farm, pk)
    form = forms.AnswerForm(request.POST, request.FILES, instance=answer, farm=farm)
    saved = bool(submitted(request, form, actions.do_save_answer, membership, answer))
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
    return _render_self_audit(request, membership, farm, answer.self_audit, bound=form, status=400)


@access.acting()
@require_GET
def answer_photo(request, membership, pk):
    """The photo given as evidence for an answer: for those who may read the farm's approval file."""
    answer = queries.answer_for(membership, pk)
    access.found(answer.photo or None)
    response = FileResponse(answer.photo.open("rb"), content_type=uploads.image_type_of(answer.photo))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@access.acting()
@require_POST
def self_audit_submit(request, membership):
    farm = queries.own_farm_for(membership)
    draft = queries.draft_of(farm)
    if draft is None:  # submitted already: a double click lands on the approval page
        return redirect("approval:farm")
    if not attempt(request, actions.do_submit_self_audit, membership, draft):
        return redirect("approval:self_audit")
    messages.success(request, _("The self-audit is submitted. Each «No» is now a deviation with its deadline."))
    return redirect("approval:farm")


@access.acting()
@require_http_methods(["GET", "POST"])
def deviation(request, membership, pk):
    """A deviation, and the form the farm closes it with."""
    deviation = queries.deviation_for(membership, pk)
    farm = deviation.farm
    form = forms.CloseDeviationForm(request.POST or None, request.FILES or None, farm=farm)
    if deviation.status == models.DeviationStatus.OPEN and submitted(
        request, form, deviation_actions.do_close_deviation, membership, deviation
    ):
        messages.success(request, _("The deviation is closed. The auditor will verify it."))
        return redirect("approval:farm")
    status = 400 if form.errors else 200
    return render(
        request, "approval/deviation.html", {"farm": farm, "deviation": deviation, "form": form}, status=status
    )
