"""The approval body's changes to the standards.

Only a draft changes. A version in force or replaced is what self-audits were answered against, so it
stays exactly as it was; the approval body changes a standard by drafting a new version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Max, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.core.rules import NotAllowed

from ..models import AppliesWhen, Item, Section, Standard, StandardVersion, VersionStatus

if TYPE_CHECKING:
    from tunet.accounts.models import Membership

M = TypeVar("M", bound=Model)


def _approval_body(membership: Membership) -> None:
    access.require(access.can_run_approvals(membership))


def _draft(version: StandardVersion) -> StandardVersion:
    """The version, locked until the change is saved, if it is still a draft (publishing waits for the lock)."""
    locked = StandardVersion.objects.select_for_update().select_related("standard").get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise NotAllowed(
            _("Version %(number)s of %(standard)s is no longer a draft and cannot be changed.")
            % {"number": locked.number, "standard": locked.standard}
        )
    return locked


def _copy_contents(source: StandardVersion, draft: StandardVersion) -> None:
    for section in source.sections.order_by("position", "id").prefetch_related("items"):
        copy = Section.objects.create(version=draft, position=section.position, title=section.title)
        Item.objects.bulk_create(
            Item(
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


def _draft_of(standard: Standard) -> StandardVersion | None:
    return StandardVersion.objects.filter(standard=standard, status=VersionStatus.DRAFT).first()


@transaction.atomic
def do_draft_version(membership: Membership, standard: Standard) -> StandardVersion:
    """The standard's draft: a copy of the version in force (or of the newest), numbered one higher.

    A standard has at most one draft, so asking twice (a double click) gives the same draft.
    """
    _approval_body(membership)
    existing = _draft_of(standard)
    if existing is not None:
        return existing
    versions = StandardVersion.objects.filter(standard=standard)
    source = versions.filter(status=VersionStatus.PUBLISHED).first() or versions.order_by("-number").first()
    number = (versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    try:
        with transaction.atomic():
            draft = StandardVersion.objects.create(standard=standard, number=number)
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
def do_publish_version(membership: Membership, version: StandardVersion) -> StandardVersion:
    """Put a draft in force; the version in force until now is replaced. Self-audits already
    started keep the versions they began with."""
    _approval_body(membership)
    draft = _draft(version)
    if not draft.items.exists():
        raise NotAllowed(_("Add at least one requirement before you publish the version."))
    StandardVersion.objects.filter(standard_id=draft.standard_id, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.RETIRED
    )
    draft.status = VersionStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = membership.user
    draft.save(update_fields=["status", "published_at", "published_by"])
    return draft


@transaction.atomic
def do_save_version_notes(membership: Membership, version: StandardVersion, notes: str) -> StandardVersion:
    """What changed in this version, in the approval body's words."""
    _approval_body(membership)
    draft = _draft(version)
    draft.notes = notes
    draft.save(update_fields=["notes"])
    return draft


def _next_position(rows: QuerySet[M]) -> int:
    last = rows.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _renumber(rows: list[M]) -> None:
    for position, row in enumerate(rows):
        row.position = position  # type: ignore[attr-defined]
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["position"])  # type: ignore[attr-defined]


def _move(rows: list[M], row: M, step: int) -> None:
    """rows with row moved step places (-1 up, +1 down), renumbered from 0."""
    index = next(i for i, other in enumerate(rows) if other.pk == row.pk)
    target = min(max(index + step, 0), len(rows) - 1)
    rows.insert(target, rows.pop(index))
    _renumber(rows)


@transaction.atomic
def do_save_section(
    membership: Membership, version: StandardVersion, section: Section | None = None, *, title: str
) -> Section:
    """Add a section at the end of the draft (section None), or rename one."""
    _approval_body(membership)
    draft = _draft(version)
    if section is None or section.pk is None:
        section = Section(version=draft, position=_next_position(draft.sections.all()))
    elif section.version_id != draft.pk:
        raise NotAllowed(_("The section belongs to another version."))
    section.title = title
    section.save()
    return section


@transaction.atomic
def do_delete_section(membership: Membership, section: Section) -> None:
    """Delete a section of the draft with its requirements."""
    _approval_body(membership)
    draft = _draft(section.version)
    section.delete()
    _renumber(list(draft.sections.order_by("position", "id")))


@transaction.atomic
def do_move_section(membership: Membership, section: Section, step: int) -> None:
    _approval_body(membership)
    draft = _draft(section.version)
    _move(list(draft.sections.order_by("position", "id")), section, step)


@transaction.atomic
def do_save_item(
    membership: Membership,
    version: StandardVersion,
    item: Item | None = None,
    *,
    section: Section,
    code: str,
    requirement: str,
    guidance: str = "",
    applies_when: str = AppliesWhen.ALWAYS,
    document_type: str = "",
) -> Item:
    """Add a requirement at the end of its section (item None), or change one; moving it to another
    section puts it last there."""
    _approval_body(membership)
    draft = _draft(version)
    if section.version_id != draft.pk:
        raise NotAllowed(_("The section belongs to another version."))
    # The stored requirement, not the one a form may have changed in memory: it tells whether it moved.
    stored = Item() if item is None or item.pk is None else Item.objects.get(pk=item.pk)
    if stored.pk is None or stored.section_id != section.pk:
        stored.position = _next_position(section.items.all())
    stored.section = section
    stored.code = code
    stored.requirement = requirement
    stored.guidance = guidance
    stored.applies_when = applies_when
    stored.document_type = document_type
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        raise NotAllowed(
            _("Another requirement in this version already has the code %(code)s.") % {"code": code}
        ) from None
    return stored


@transaction.atomic
def do_delete_item(membership: Membership, item: Item) -> None:
    _approval_body(membership)
    _draft(item.version)
    section = item.section
    item.delete()
    _renumber(list(section.items.order_by("position", "id")))


@transaction.atomic
def do_move_item(membership: Membership, item: Item, step: int) -> None:
    """Move a requirement up or down within its section."""
    _approval_body(membership)
    _draft(item.version)
    _move(list(item.section.items.order_by("position", "id")), item, step)
