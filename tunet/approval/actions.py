"""Every change a person (or the daily task) makes to the approval scheme: one transaction, one
permission check, one place that writes the trail."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import OrganisationKind
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed

from . import applicability, models

# --- Standards -------------------------------------------------------------------------------------
# Only a draft changes. A version in force or replaced is what self-audits were answered against,
# so it stays exactly as it was; the approval body changes a standard by drafting a new version.


def _approval_body(membership):
    access.require(access.can_run_approvals(membership))


def _draft(version):
    """The version, locked until the change is saved, if it is still a draft (publishing waits for the lock)."""
    locked = models.StandardVersion.objects.select_for_update().select_related("standard").get(pk=version.pk)
    if locked.status != models.VersionStatus.DRAFT:
        raise NotAllowed(
            _("Version %(number)s of %(standard)s is no longer a draft and cannot be changed.")
            % {"number": locked.number, "standard": locked.standard}
        )
    return locked


def _copy_contents(source, draft):
    for section in source.sections.order_by("position", "id").prefetch_related("items"):
        copy = models.Section.objects.create(version=draft, position=section.position, title=section.title)
        models.Item.objects.bulk_create(
            models.Item(
                section=copy,
                version=draft,
                position=item.position,
                code=item.code,
                requirement=item.requirement,
                guidance=item.guidance,
                applies_when=item.applies_when,
                document_type=item.document_type,
            )
            for item in section.items.order_by("position", "id")
        )


def _draft_of(standard):
    return models.StandardVersion.objects.filter(standard=standard, status=models.VersionStatus.DRAFT).first()


@transaction.atomic
def draft_new_version(membership, standard):
    """The standard's draft: a copy of the version in force (or of the newest), numbered one higher.

    A standard has at most one draft, so asking twice (a double click) gives the same draft.
    """
    _approval_body(membership)
    existing = _draft_of(standard)
    if existing is not None:
        return existing
    versions = models.StandardVersion.objects.filter(standard=standard)
    source = versions.filter(status=models.VersionStatus.PUBLISHED).first() or versions.order_by("-number").first()
    number = (versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    try:
        with transaction.atomic():
            draft = models.StandardVersion.objects.create(standard=standard, number=number)
    except IntegrityError:
        # Someone made the draft in the same moment: theirs is the one.
        existing = _draft_of(standard)
        if existing is None:
            raise NotAllowed(_("The standard changed while you worked. Try again.")) from None
        return existing
    if source is not None:
        _copy_contents(source, draft)
    return draft


@transaction.atomic
def publish_version(membership, version):
    """Put a draft in force; the version in force until now is replaced. Self-audits already
    started keep the versions they began with."""
    _approval_body(membership)
    draft = _draft(version)
    if not draft.items.exists():
        raise NotAllowed(_("Add at least one requirement before you publish the version."))
    models.StandardVersion.objects.filter(standard_id=draft.standard_id, status=models.VersionStatus.PUBLISHED).update(
        status=models.VersionStatus.RETIRED
    )
    draft.status = models.VersionStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = membership.user
    draft.save(update_fields=["status", "published_at", "published_by"])
    return draft


@transaction.atomic
def save_notes(membership, version, notes):
    """What changed in this version, in the approval body's words."""
    _approval_body(membership)
    draft = _draft(version)
    draft.notes = notes
    draft.save(update_fields=["notes"])
    return draft


def _next_position(rows):
    last = rows.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _renumber(rows):
    for position, row in enumerate(rows):
        row.position = position
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["position"])


def _move(rows, row, step):
    """rows with row moved step places (-1 up, +1 down), renumbered from 0."""
    index = next(i for i, other in enumerate(rows) if other.pk == row.pk)
    target = min(max(index + step, 0), len(rows) - 1)
    rows.insert(target, rows.pop(index))
    _renumber(rows)


@transaction.atomic
def save_section(membership, version, form):
    """Add a section at the end of the draft, or rename one (a SectionForm)."""
    _approval_body(membership)
    draft = _draft(version)
    section = form.save(commit=False)
    if section.pk is None:
        section.version = draft
        section.position = _next_position(draft.sections.all())
    elif section.version_id != draft.pk:
        raise NotAllowed(_("The section belongs to another version."))
    section.save()
    return section


@transaction.atomic
def delete_section(membership, section):
    """Delete a section of the draft with its requirements."""
    _approval_body(membership)
    draft = _draft(section.version)
    section.delete()
    _renumber(list(draft.sections.order_by("position", "id")))


@transaction.atomic
def move_section(membership, section, step):
    _approval_body(membership)
    draft = _draft(section.version)
    _move(list(draft.sections.order_by("position", "id")), section, step)


@transaction.atomic
def save_item(membership, version, form):
    """Add a requirement at the end of its section, or change one (an ItemForm); moving it to another
    section puts it last there."""
    _approval_body(membership)
    draft = _draft(version)
    item = form.save(commit=False)
    if item.section.version_id != draft.pk:
        raise NotAllowed(_("The section belongs to another version."))
    if item.pk is None or "section" in form.changed_data:
        item.position = _next_position(item.section.items.all())
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise NotAllowed(
            _("Another requirement in this version already has the code %(code)s.") % {"code": item.code}
        ) from None
    return item


@transaction.atomic
def delete_item(membership, item):
    _approval_body(membership)
    _draft(item.version)
    section = item.section
    item.delete()
    _renumber(list(section.items.order_by("position", "id")))


@transaction.atomic
def move_item(membership, item, step):
    """Move a requirement up or down within its section."""
    _approval_body(membership)
    _draft(item.version)
    _move(list(item.section.items.order_by("position", "id")), item, step)


# --- Documents -------------------------------------------------------------------------------------


@transaction.atomic
def upload_document(membership, farm, form):
    """Store a checked upload (DocumentForm) in the farm's vault, with what the check found."""
    access.require(access.can_keep_approval_file(membership, farm))
    upload = form.cleaned_data["file"]
    document = form.save(commit=False)
    document.farm = farm
    document.content_type = form.content_type
    document.size = upload.size
    document.original_name = (upload.name or "")[:200]
    document.uploaded_by = membership.user
    document.save()
    return document


@transaction.atomic
def delete_document(membership, document):
    """Delete a document and its file, unless a closed deviation rests on it as evidence."""
    access.require(access.can_keep_approval_file(membership, document.farm))
    name, storage = document.file.name, document.file.storage
    try:
        with transaction.atomic():
            document.delete()
    except ProtectedError:
        raise NotAllowed(
            _("The document shows that a deviation was closed, so it must be kept. Upload a newer one instead.")
        ) from None
    # The file goes once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))


# --- Self-audit ------------------------------------------------------------------------------------


def _keeper(membership, farm):
    if not access.can_keep_approval_file(membership, farm):
        raise PermissionDenied


def _in_force():
    return list(models.StandardVersion.objects.filter(status=models.VersionStatus.PUBLISHED))


@transaction.atomic
def start_self_audit(membership, farm):
    """The farm's self-audit being filled in, or a new one over the standards in force now.

    Every applicable item gets an empty answer, so progress is answered ÷ all. Starting twice (a
    double click, two tabs) gives the same draft: the database allows one draft per farm.
    """
    _keeper(membership, farm)
    draft = models.SelfAudit.objects.filter(farm=farm, status=models.SelfAuditStatus.DRAFT).first()
    if draft is not None:
        return draft
    versions = _in_force()
    if not versions:
        raise NotAllowed(_("No standard is in force yet. The approval body publishes the standards."))
    try:
        with transaction.atomic():
            audit = models.SelfAudit.objects.create(farm=farm)
    except IntegrityError:
        return models.SelfAudit.objects.get(farm=farm, status=models.SelfAuditStatus.DRAFT)
    audit.versions.set(versions)
    facts = applicability.facts_of(farm)
    items = models.Item.objects.filter(version__in=versions, applies_when__in=facts)
    models.Answer.objects.bulk_create([models.Answer(self_audit=audit, item=item) for item in items])
    return audit


@transaction.atomic
def save_answer(
    membership, answer, *, value, comment="", evidence=None, photo=None, measure="", responsible="", deadline=None
):
    """Save one answer of a draft (as the farmer goes; the form has checked the fields)."""
    audit = answer.self_audit
    _keeper(membership, audit.farm)
    if audit.status != models.SelfAuditStatus.DRAFT:
        raise NotAllowed(_("This self-audit has been submitted and can no longer be changed."))
    if evidence is not None and evidence.farm_id != audit.farm_id:
        raise PermissionDenied
    answer.value = value
    answer.comment = comment
    answer.evidence = evidence
    if photo:
        answer.photo = photo
    is_no = value == models.AnswerValue.NO
    answer.measure = measure if is_no else ""
    answer.responsible = responsible if is_no else ""
    answer.deadline = deadline if is_no else None
    answer.updated_by = membership.user
    answer.save()
    return answer


def missing_answers(audit):
    return list(audit.answers.filter(value="").select_related("item"))


@transaction.atomic
def submit_self_audit(membership, audit, today=None):
    """Submit a complete self-audit: each "No" becomes a deviation with its measure and deadline."""
    audit = models.SelfAudit.objects.select_for_update().get(pk=audit.pk)
    _keeper(membership, audit.farm)
    if audit.status == models.SelfAuditStatus.SUBMITTED:
        return audit  # a double submit changes nothing
    if missing_answers(audit):
        raise NotAllowed(_("Answer every requirement before you submit."))
    audit.status = models.SelfAuditStatus.SUBMITTED
    audit.submitted_at = timezone.now()
    audit.submitted_by = membership.user
    audit.save()
    for answer in audit.answers.filter(value=models.AnswerValue.NO).select_related("item"):
        models.Deviation.objects.create(
            farm=audit.farm,
            item=answer.item,
            self_audit=audit,
            description=answer.comment or answer.item.requirement,
            measure=answer.measure,
            responsible=answer.responsible,
            deadline=answer.deadline,
            created_by=membership.user,
        )
    open_revision = audit.farm.revisions.exclude(status=models.RevisionStatus.ACCEPTED).first()
    if open_revision is not None and open_revision.self_audit_id is None:
        open_revision.self_audit = audit
        open_revision.save(update_fields=["self_audit"])
    reconsider(audit.farm, membership.user, today=today)
    return audit


# --- Revision and deviations -------------------------------------------------------------------------


def auditors():
    """Everyone who can be assigned a revision: auditors in an auditor firm."""
    return access.people_with_perm(access.Perm.AUDIT_FARMS, kind=OrganisationKind.AUDITOR_FIRM)


@transaction.atomic
def assign_auditor(membership, farm, auditor):
    """The approval body assigns an auditor; the auditor and the farm are told."""
    if not access.can_run_approvals(membership):
        raise PermissionDenied
    if not auditors().filter(pk=auditor.pk).exists():
        raise NotAllowed(_("Choose an auditor."))
    latest = farm.self_audits.filter(status=models.SelfAuditStatus.SUBMITTED).first()
    try:
        with transaction.atomic():
            revision = models.Revision.objects.create(
                farm=farm, auditor=auditor, assigned_by=membership.user, self_audit=latest
            )
    except IntegrityError:
        raise NotAllowed(_("The farm already has a revision under way.")) from None
    url = reverse("approval:revision", args=[revision.pk])
    notify(
        [auditor],
        title=_("You have been assigned the revision of %(farm)s") % {"farm": farm.name},
        body=_("The approval body has assigned you to revise %(farm)s in %(place)s.")
        % {"farm": farm.name, "place": farm.municipality.name},
        url=url,
    )
    notify(
        access.farm_keepers(farm),
        title=_("An auditor has been assigned to your farm"),
        body=_("%(auditor)s will carry out the revision of %(farm)s and will contact you about the visit.")
        % {"auditor": auditor.full_name, "farm": farm.name},
        url=reverse("approval:farm"),
    )
    return revision


def _auditor(membership, revision):
    if not access.can_audit(membership, revision):
        raise PermissionDenied
    if revision.status == models.RevisionStatus.ACCEPTED:
        raise NotAllowed(_("The revision has been accepted and can no longer be changed."))


@transaction.atomic
def record_visit(membership, revision, *, visit_date, met, summary):
    _auditor(membership, revision)
    revision.visit_date = visit_date
    revision.met = met
    revision.summary = summary
    revision.status = models.RevisionStatus.VISITED
    revision.save()
    return revision


@transaction.atomic
def review_answer(
    membership, revision, answer, *, verdict, corrected_value="", note="", measure="", responsible="", deadline=None
):
    """Confirm or correct one answer. Correcting it to "No" records a deviation at once."""
    _auditor(membership, revision)
    if answer.self_audit_id != revision.self_audit_id:
        raise PermissionDenied
    if verdict == models.ReviewVerdict.CONFIRMED:
        corrected_value = ""
    review, _created = models.AnswerReview.objects.update_or_create(
        revision=revision,
        answer=answer,
        defaults={"verdict": verdict, "corrected_value": corrected_value, "note": note},
    )
    if corrected_value == models.AnswerValue.NO:
        already = revision.deviations.filter(item=answer.item).exists()
        if not already:
            record_deviation(
                membership,
                revision,
                item=answer.item,
                description=note or answer.item.requirement,
                measure=measure,
                responsible=responsible,
                deadline=deadline,
            )
    return review


@transaction.atomic
def record_deviation(membership, revision, *, description, measure, responsible, deadline, item=None):
    _auditor(membership, revision)
    deviation = models.Deviation.objects.create(
        farm=revision.farm,
        revision=revision,
        item=item,
        description=description,
        measure=measure,
        responsible=responsible,
        deadline=deadline,
        created_by=membership.user,
    )
    notify(
        access.farm_keepers(revision.farm),
        title=_("New deviation with deadline %(date)s") % {"date": date_format(deadline)},
        body=description,
        url=reverse("approval:deviation", args=[deviation.pk]),
    )
    return deviation


@transaction.atomic
def accept_revision(membership, revision, today=None):
    """Accept the revision. With the self-audit submitted and no deviation open, the farm is approved."""
    _auditor(membership, revision)
    if revision.status != models.RevisionStatus.VISITED:
        raise NotAllowed(_("Record the visit before you accept the revision."))
    revision.status = models.RevisionStatus.ACCEPTED
    revision.accepted_at = timezone.now()
    revision.save()
    reconsider(revision.farm, membership.user, today=today, renew=True)
    return revision


def revision_for(deviation):
    """The revision whose auditor verifies this deviation: its own, else the farm's latest."""
    return deviation.revision or deviation.farm.revisions.first()


@transaction.atomic
def close_deviation(membership, deviation, *, note, evidence):
    """The farm closes a deviation with what it did and a document that shows it."""
    deviation = models.Deviation.objects.select_for_update().get(pk=deviation.pk)
    _keeper(membership, deviation.farm)
    if deviation.status != models.DeviationStatus.OPEN:
        return deviation  # closed already: a double submit changes nothing
    if evidence is None or evidence.farm_id != deviation.farm_id:
        raise NotAllowed(_("Choose or upload the document that shows the deviation is closed."))
    deviation.status = models.DeviationStatus.CLOSED
    deviation.close_note = note
    deviation.evidence = evidence
    deviation.closed_at = timezone.now()
    deviation.closed_by = membership.user
    deviation.save()
    revision = revision_for(deviation)
    if revision is not None:
        notify(
            [revision.auditor],
            title=_("%(farm)s has closed a deviation") % {"farm": deviation.farm.name},
            body=_("Verify the deviation, or reopen it with a note: %(what)s") % {"what": deviation.description},
            url=reverse("approval:revision", args=[revision.pk]),
        )
    return deviation


@transaction.atomic
def close_deviation_with(membership, deviation, form):
    """Close with the document chosen in the form, or the new one uploaded with it (kept in the vault)."""
    _keeper(membership, deviation.farm)
    evidence = form.cleaned_data["evidence"]
    upload = form.cleaned_data["file"]
    if upload:
        evidence = models.Document.objects.create(
            farm=deviation.farm,
            kind=form.cleaned_data["kind"],
            title=_("Evidence: %(what)s") % {"what": deviation.description[:150]},
            file=upload,
            content_type=form.content_type,
            size=upload.size,
            original_name=upload.name[:200],
            uploaded_by=membership.user,
        )
    return close_deviation(membership, deviation, note=form.cleaned_data["note"], evidence=evidence)


def _verifier(membership, deviation):
    revision = revision_for(deviation)
    if revision is None or not access.can_audit(membership, revision):
        raise PermissionDenied
    if deviation.status != models.DeviationStatus.CLOSED:
        raise NotAllowed(_("Only a closed deviation can be verified or reopened."))


@transaction.atomic
def verify_deviation(membership, deviation, *, note="", today=None):
    deviation = models.Deviation.objects.select_for_update().get(pk=deviation.pk)
    if deviation.status == models.DeviationStatus.VERIFIED:
        return deviation
    _verifier(membership, deviation)
    deviation.status = models.DeviationStatus.VERIFIED
    deviation.verified_at = timezone.now()
    deviation.verified_by = membership.user
    deviation.auditor_note = note
    deviation.save()
    reconsider(deviation.farm, membership.user, today=today)
    return deviation


@transaction.atomic
def reopen_deviation(membership, deviation, *, note, deadline=None):
    deviation = models.Deviation.objects.select_for_update().get(pk=deviation.pk)
    _verifier(membership, deviation)
    deviation.status = models.DeviationStatus.OPEN
    deviation.auditor_note = note
    if deadline is not None:
        deviation.deadline = deadline
    deviation.save()
    notify(
        access.farm_keepers(deviation.farm),
        title=_("A deviation has been reopened"),
        body=_("The auditor reopened the deviation: %(note)s") % {"note": note},
        url=reverse("approval:deviation", args=[deviation.pk]),
    )
    return deviation


# --- Approval lifecycle ------------------------------------------------------------------------------

VALID_FOR = 2  # years
SELF_AUDIT_EVERY_DAYS = 365


def self_audit_due(last_submitted_at, today):
    """When the next self-audit is due: a year after the last one, or now if there has been none."""
    if last_submitted_at is None:
        return today
    return timezone.localdate(last_submitted_at) + datetime.timedelta(days=SELF_AUDIT_EVERY_DAYS)


def _approval(farm):
    approval, _created = models.Approval.objects.select_for_update().get_or_create(farm=farm)
    return approval


def _set_status(approval, status, actor, reason, valid_until=None):
    """The one place an approval changes state, and the trail of it."""
    previous = approval.status
    approval.status = status
    if valid_until is not None:
        approval.valid_until = valid_until
    approval.reason = reason if status != models.ApprovalStatus.APPROVED else ""
    approval.save()
    models.ApprovalEvent.objects.create(
        approval=approval,
        from_status=previous,
        to_status=status,
        valid_until=approval.valid_until,
        actor=actor,
        reason=reason,
    )


def two_years_from(day):
    try:
        return day.replace(year=day.year + VALID_FOR)
    except ValueError:  # 29 February
        return day.replace(year=day.year + VALID_FOR, day=28)


def _no_deviation_open(farm):
    return not farm.deviations.exclude(status=models.DeviationStatus.VERIFIED).exists()


def is_ready(farm):
    """Self-audit submitted, the latest revision accepted, no deviation open or awaiting verification."""
    latest_revision = farm.revisions.first()
    return (
        farm.self_audits.filter(status=models.SelfAuditStatus.SUBMITTED).exists()
        and latest_revision is not None
        and latest_revision.status == models.RevisionStatus.ACCEPTED
        and _no_deviation_open(farm)
    )


def _revised_since(farm, day):
    latest = farm.revisions.first()
    return latest is not None and latest.accepted_at is not None and timezone.localdate(latest.accepted_at) > day


def reconsider(farm, actor, today=None, renew=False):
    """Approve the farm when it is ready; called after every change that can make it so.

    - renew (a revision was just accepted): two new years from today, if ready;
    - suspended: back to approved with its old date once no deviation is open;
    - pending, or lapsed with a revision accepted since it lapsed: two years from today, if ready.
    A revoked approval stays revoked.
    """
    today = today or timezone.localdate()
    approval = _approval(farm)
    status = approval.status
    two_years = _("Self-audit submitted, revision accepted and no deviation open.")
    if status == models.ApprovalStatus.REVOKED:
        return approval
    if renew and is_ready(farm):
        _set_status(approval, models.ApprovalStatus.APPROVED, actor, two_years, valid_until=two_years_from(today))
    elif status == models.ApprovalStatus.SUSPENDED and approval.valid_until >= today and _no_deviation_open(farm):
        _set_status(approval, models.ApprovalStatus.APPROVED, actor, _("Every deviation is closed and verified."))
    elif (
        status == models.ApprovalStatus.PENDING
        or (status == models.ApprovalStatus.LAPSED and _revised_since(farm, approval.valid_until))
    ) and is_ready(farm):
        _set_status(approval, models.ApprovalStatus.APPROVED, actor, two_years, valid_until=two_years_from(today))
    else:
        return approval
    notify(
        access.farm_keepers(farm),
        title=_("%(farm)s is approved until %(date)s") % {"farm": farm.name, "date": date_format(approval.valid_until)},
        body=_("The farm is shown in the catalogue of Inn på tunet farms."),
        url=reverse("approval:farm"),
    )
    return approval


@transaction.atomic
def revoke(membership, farm, reason):
    """The approval body revokes an approval, always with a reason."""
    if not access.can_run_approvals(membership):
        raise PermissionDenied
    if not reason.strip():
        raise NotAllowed(_("Give the reason for revoking the approval."))
    approval = _approval(farm)
    if approval.status == models.ApprovalStatus.REVOKED:
        return approval
    _set_status(approval, models.ApprovalStatus.REVOKED, membership.user, reason.strip())
    notify(
        access.farm_keepers(farm),
        title=_("The approval of %(farm)s has been revoked") % {"farm": farm.name},
        body=reason.strip(),
        url=reverse("approval:farm"),
    )
    return approval
