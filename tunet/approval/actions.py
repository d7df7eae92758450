"""Every change a person (or the daily task) makes to the approval scheme: one transaction, one
permission check, one place that writes the trail."""

from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access

from . import models

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


class NotAllowed(Exception):
    """A change the rules of the scheme forbid now; the message says why, in Norwegian."""


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


# --- Revision and deviations -------------------------------------------------------------------------


# --- Approval lifecycle ------------------------------------------------------------------------------
