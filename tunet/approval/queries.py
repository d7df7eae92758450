"""Reads of the approval scheme that depend on who is asking, with what each page needs."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Case, Count, Min, Prefetch, Q, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tunet.accounts.models import OrganisationKind, Role, User

from .models import (
    Answer,
    AnswerReview,
    AnswerValue,
    Approval,
    ApprovalStatus,
    Deviation,
    DeviationStatus,
    Document,
    DocumentType,
    Farm,
    Item,
    Revision,
    RevisionStatus,
    Section,
    SelfAudit,
    SelfAuditStatus,
    Standard,
    StandardVersion,
    VersionStatus,
)

# --- Standards -------------------------------------------------------------------------------------


def _items_in_order():
    return Item.objects.order_by("section__position", "section_id", "position", "id")


def _with_contents(versions):
    """Versions with their standard, sections (each with its items) and all items in reading order."""
    sections = Section.objects.order_by("position", "id").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("position", "id"))
    )
    return versions.select_related("standard").prefetch_related(
        Prefetch("sections", queryset=sections), Prefetch("items", queryset=_items_in_order())
    )


def versions_in_force():
    """The published version of every standard, in the standards' order, each with
    version.sections.all() (with section.items.all()) and version.items.all() prefetched (four queries).

    A self-audit started now answers these versions; publishing a new one later does not change it.
    """
    return list(
        _with_contents(StandardVersion.objects.filter(status=VersionStatus.PUBLISHED)).order_by(
            "standard__sort_order", "standard__name"
        )
    )


def standards_overview():
    """Every standard with .in_force and .draft (a version or None), each with .item_count (two queries)."""
    current = StandardVersion.objects.exclude(status=VersionStatus.RETIRED).annotate(item_count=Count("items"))
    standards = list(Standard.objects.prefetch_related(Prefetch("versions", queryset=current, to_attr="current")))
    for standard in standards:
        standard.in_force = next((v for v in standard.current if v.status == VersionStatus.PUBLISHED), None)
        standard.draft = next((v for v in standard.current if v.status == VersionStatus.DRAFT), None)
    return standards


def standard_by_code(code):
    """A standard with every version (newest first) as .version_list, for its page's list of versions."""
    standard = get_object_or_404(Standard, code=code)
    standard.version_list = list(standard.versions.order_by("-number"))
    return standard


def version_page(standard, number):
    """One version of the standard with its sections and items, for reading or editing."""
    return get_object_or_404(_with_contents(StandardVersion.objects.filter(standard=standard)), number=number)


# --- Documents -------------------------------------------------------------------------------------

# How far ahead a document's valid-until date turns it into "expires soon", on the vault and for auditors.
EXPIRES_SOON_DAYS = 30


def document_state(document, today=None):
    """The warning a document carries: "expired", "soon" (within EXPIRES_SOON_DAYS) or ""."""
    today = today or timezone.localdate()
    if document.has_expired(today):
        return "expired"
    if document.expires_within(EXPIRES_SOON_DAYS, today):
        return "soon"
    return ""


def documents_of(farm, today=None):
    """The farm's documents by type then newest first, each with .state (see document_state). One query."""
    documents = list(
        Document.objects.filter(farm=farm).select_related("uploaded_by").order_by("kind", "-uploaded_at", "-id")
    )
    for document in documents:
        document.state = document_state(document, today)
    return documents


def documents_by_kind(farm, today=None):
    """[(kind label, [documents])] in the order of DocumentType, leaving out types with no document."""
    documents = documents_of(farm, today)
    return [
        (label, group)
        for value, label in DocumentType.choices
        if (group := [document for document in documents if document.kind == value])
    ]


def expiring_documents(farm, today=None, days=EXPIRES_SOON_DAYS):
    """The farm's documents already expired or expiring within days, soonest first, each with .state."""
    today = today or timezone.localdate()
    documents = list(
        Document.objects.filter(farm=farm, valid_until__lte=today + datetime.timedelta(days=days)).order_by(
            "valid_until", "id"
        )
    )
    for document in documents:
        document.state = document_state(document, today)
    return documents


def document_of(pk):
    """A document with its farm and the farm's provider, for the permission check before serving it."""
    return get_object_or_404(Document.objects.select_related("farm__provider"), pk=pk)


def auditor_ids_of(farm):
    """The users assigned to any revision of the farm: the auditors who may read its approval file."""
    return set(Revision.objects.filter(farm=farm).values_list("auditor_id", flat=True))


def is_evidence(document):
    """Whether a deviation's closing rests on the document (then it must be kept)."""
    return Deviation.objects.filter(evidence=document).exists()


# --- Self-audit ------------------------------------------------------------------------------------


def _answers_in_order():
    return Answer.objects.select_related("item__section", "item__version__standard", "evidence").order_by(
        "item__version__standard__sort_order",
        "item__section__position",
        "item__section_id",
        "item__position",
        "item_id",
    )


def draft_of(farm):
    return SelfAudit.objects.filter(farm=farm, status=SelfAuditStatus.DRAFT).first()


def last_submitted(farm):
    return SelfAudit.objects.filter(farm=farm, status=SelfAuditStatus.SUBMITTED).order_by("-submitted_at").first()


def group_answers(answers):
    """Answers grouped as [(standard, [(section, [answer, ...]), ...]), ...] in reading order."""
    grouped = []
    for answer in answers:
        standard, section = answer.item.version.standard, answer.item.section
        if not grouped or grouped[-1][0] != standard:
            grouped.append((standard, []))
        sections = grouped[-1][1]
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append(answer)
    return grouped


def self_audit_page(audit):
    """Everything the self-audit page shows, in a constant number of queries."""
    answers = list(_answers_in_order().filter(self_audit=audit))
    answered = sum(1 for answer in answers if answer.value)
    return {
        "audit": audit,
        "groups": group_answers(answers),
        "answered": answered,
        "total": len(answers),
        "percent": round(100 * answered / len(answers)) if answers else 0,
        "missing": [answer for answer in answers if not answer.value],
    }


def answer_of(farm, pk):
    return get_object_or_404(Answer.objects.select_related("self_audit__farm", "item"), pk=pk, self_audit__farm=farm)


# --- Revision and deviations -------------------------------------------------------------------------


def open_deviations(farm):
    return list(
        Deviation.objects.filter(farm=farm)
        .exclude(status=DeviationStatus.VERIFIED)
        .select_related("item", "evidence")
        .order_by("deadline", "id")
    )


def deviation_of(farm, pk):
    return get_object_or_404(Deviation.objects.select_related("farm", "item", "evidence"), pk=pk, farm=farm)


def current_revision(farm):
    return Revision.objects.filter(farm=farm).select_related("auditor").first()


def worklist(user):
    """The revisions assigned to this auditor, open ones first, with what waits for them."""
    return list(
        Revision.objects.filter(auditor=user)
        .select_related("farm__municipality__county", "farm__approval")
        .annotate(
            to_verify=Count(
                "farm__deviations", filter=Q(farm__deviations__status=DeviationStatus.CLOSED), distinct=True
            ),
            still_open=Count(
                "farm__deviations", filter=Q(farm__deviations__status=DeviationStatus.OPEN), distinct=True
            ),
        )
        .order_by(Case(When(status=RevisionStatus.ACCEPTED, then=1), default=0), "-assigned_at")
    )


def revision_of(pk):
    """A revision with what its pages show; the view asks access.py who may see it."""
    return get_object_or_404(
        Revision.objects.select_related("farm__municipality__county", "farm__provider", "farm__approval", "auditor"),
        pk=pk,
    )


def revision_page(revision):
    """The auditor's view of the farm: the self-audit with reviews, documents, deviations (constant queries)."""
    answers = []
    if revision.self_audit_id:
        reviews = AnswerReview.objects.filter(revision=revision)
        answers = list(
            _answers_in_order()
            .filter(self_audit_id=revision.self_audit_id)
            .prefetch_related(Prefetch("reviews", queryset=reviews, to_attr="review_list"))
        )
        for answer in answers:
            answer.review = answer.review_list[0] if answer.review_list else None
    deviations = list(
        Deviation.objects.filter(farm=revision.farm).select_related("item", "evidence").order_by("status", "deadline")
    )
    return {
        "revision": revision,
        "farm": revision.farm,
        "groups": group_answers(answers),
        "deviations": deviations,
        "to_verify": [d for d in deviations if d.status == DeviationStatus.CLOSED],
        "documents": documents_of(revision.farm),
    }


def report(revision):
    """The revision report: the visit, every answer reviewed, deviations found and what was done."""
    page = revision_page(revision)
    page["no_answers"] = [
        answer
        for _standard, sections in page["groups"]
        for _section, answers in sections
        for answer in answers
        if (answer.review and answer.review.corrected_value or answer.value) == AnswerValue.NO
    ]
    page["photos"] = [
        answer
        for _standard, sections in page["groups"]
        for _section, answers in sections
        for answer in answers
        if answer.photo
    ]
    return page


# --- Overviews ---------------------------------------------------------------------------------------


def approval_of(farm):
    """The farm's approval; a farm never approved has none stored, and reads as «not yet approved».
    Pages only read: the actions create the row when the state first changes."""
    return Approval.objects.filter(farm=farm).first() or Approval(farm=farm)


def events_of(approval, limit=20):
    if approval.pk is None:
        return []
    return list(approval.events.select_related("actor")[:limit])


def auditor_choices():
    """The auditors the approval body can assign, each with .county and .workload (open revisions)."""
    auditors = (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.AUDITOR,
            memberships__organisation__kind=OrganisationKind.AUDITOR_FIRM,
        )
        .annotate(
            workload=Count("revisions", filter=~Q(revisions__status=RevisionStatus.ACCEPTED), distinct=True),
            county_name=Min("memberships__organisation__municipality__county__name"),
            region_name=Min("memberships__organisation__county__name"),
        )
        .order_by("full_name")
    )
    return list(auditors)


OVERVIEW_PAGE_SIZE = 50


def national_overview(county=None, status=None, today=None, page=1):
    """The approval body's overview: counts by status, farms (filtered), overdue deviations and
    approvals expiring within 90 days, each filterable by county. A constant number of queries."""
    today = today or timezone.localdate()
    farms = Farm.objects.all()
    if county:
        farms = farms.filter(municipality__county=county)
    by_status = dict(farms.values_list("approval__status").annotate(n=Count("id")).order_by())
    listed_farms = farms
    if status:
        listed_farms = (
            farms.filter(approval__status=status)
            if status != ApprovalStatus.PENDING
            else farms.filter(Q(approval__status=status) | Q(approval__isnull=True))
        )
    listed_farms = (
        listed_farms.select_related("municipality__county", "approval")
        .annotate(
            open_deviations=Count("deviations", filter=~Q(deviations__status=DeviationStatus.VERIFIED), distinct=True),
            overdue=Count(
                "deviations",
                filter=Q(deviations__status=DeviationStatus.OPEN, deviations__deadline__lt=today),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    paginator = Paginator(listed_farms, OVERVIEW_PAGE_SIZE)
    overdue = (
        Deviation.objects.filter(status=DeviationStatus.OPEN, deadline__lt=today, farm__in=farms)
        .select_related("farm__municipality")
        .order_by("deadline")[:50]
    )
    expiring = (
        Approval.objects.filter(
            farm__in=farms,
            status=ApprovalStatus.APPROVED,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=90),
        )
        .select_related("farm__municipality")
        .order_by("valid_until")[:50]
    )
    counts = [
        (value, label, by_status.get(value, 0) + (by_status.get(None, 0) if value == ApprovalStatus.PENDING else 0))
        for value, label in ApprovalStatus.choices
    ]
    return {
        "counts": counts,
        "page": paginator.get_page(page),
        "overdue": list(overdue),
        "expiring": list(expiring),
    }


def farm_file(pk):
    return get_object_or_404(Farm.objects.select_related("municipality__county", "provider"), pk=pk)
