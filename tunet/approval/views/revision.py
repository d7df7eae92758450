"""The auditor's pages: the worklist, a revision with its reviews and deviations, the report."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tunet.accounts import access
from tunet.core.pdf import data_uri, pdf_response
from tunet.core.rules import attempt

from .. import forms, models
from ..actions import revision as actions
from ..queries import revision as queries
from ..queries import self_audit as self_audit_queries


@access.acting(access.may(access.Perm.AUDIT_FARMS))
@require_GET
def worklist(request, membership):
    return render(request, "approval/worklist.html", {"revisions": queries.worklist(membership.user)})


def _items(revision):
    """The requirements a deviation can be recorded against: those of the self-audit, else those in force."""
    if revision.self_audit:
        return models.Item.objects.filter(version__in=revision.self_audit.versions.all())
    return models.Item.objects.filter(version__status=models.VersionStatus.PUBLISHED)


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
    context = {
        **page,
        "visit_form": forms_in_play.get("visit") or forms.VisitForm(instance=revision),
        "deviation_form": forms_in_play.get("deviation") or forms.DeviationForm(items=_items(revision)),
        "editable": revision.status != models.RevisionStatus.ACCEPTED,
        "reopen_errors": forms_in_play.get("reopen"),
    }
    return render(request, "approval/revision.html", context, status=status)


@access.acting()
@require_GET
def revision(request, membership, pk):
    return _render_revision(request, queries.revision_for(membership, pk))


@access.acting()
@require_POST
def revision_visit(request, membership, pk):
    revision = queries.revision_for(membership, pk)
    form = forms.VisitForm(request.POST, instance=revision)
    if not form.is_valid():
        return _render_revision(request, revision, status=400, visit=form)
    attempt(request, actions.do_record_visit, membership, revision, **form.cleaned_data)
    return redirect("approval:revision", pk=revision.pk)


@access.acting()
@require_POST
def revision_review(request, membership, pk, answer_pk):
    revision = queries.revision_for(membership, pk)
    answer = queries.reviewed_answer(revision, answer_pk)
    form = forms.ReviewForm(request.POST, answer=answer)
    if not form.is_valid():
        return _render_revision(request, revision, status=400, review=form)
    attempt(request, actions.do_review_answer, membership, revision, answer, **form.cleaned_data)
    return redirect(f"{reverse('approval:revision', args=[revision.pk])}#answer-{answer.pk}")


@access.acting()
@require_POST
def revision_deviation(request, membership, pk):
    revision = queries.revision_for(membership, pk)
    form = forms.DeviationForm(request.POST, items=_items(revision))
    if not form.is_valid():
        return _render_revision(request, revision, status=400, deviation=form)
    attempt(request, actions.do_record_deviation, membership, revision, **form.cleaned_data)
    return redirect(f"{reverse('approval:revision', args=[revision.pk])}#deviations")


@access.acting()
@require_POST
def deviation_verify(request, membership, pk, deviation_pk):
    revision = queries.revision_for(membership, pk)
    deviation = self_audit_queries.deviation_of(revision.farm, deviation_pk)
    if "reopen" in request.POST:
        form = forms.ReopenForm(request.POST, prefix=f"d{deviation.pk}")
        if not form.is_valid():
            return _render_revision(request, revision, status=400, reopen=(deviation.pk, form))
        attempt(request, actions.do_reopen_deviation, membership, deviation, **form.cleaned_data)
    else:
        form = forms.VerifyForm(request.POST, prefix=f"d{deviation.pk}")
        form.is_valid()
        attempt(request, actions.do_verify_deviation, membership, deviation, note=form.cleaned_data.get("note", ""))
    return redirect(f"{reverse('approval:revision', args=[revision.pk])}#deviations")


@access.acting()
@require_POST
def revision_accept(request, membership, pk):
    revision = queries.revision_for(membership, pk)
    if attempt(request, actions.do_accept_revision, membership, revision):
        messages.success(request, _("The revision is accepted."))
    return redirect("approval:revision", pk=revision.pk)


@access.acting()
@require_GET
def revision_report(request, membership, pk):
    """The revision report as PDF: for the auditor, the farm itself and the approval body."""
    revision = queries.report_for(membership, pk)
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
