"""The access log: every read of a participant's personal data is written here, in the same request,
before the data leaves the server; the participant's buyer can see who has looked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from ..models import AccessLogEntry, Membership, User

if TYPE_CHECKING:
    from django.utils.functional import Promise


def _entry(
    actor: User,
    membership: Membership | None,
    subject: Model,
    subject_type: ContentType,
    action: str | Promise,
    path: str,
) -> AccessLogEntry:
    return AccessLogEntry(
        actor=actor,
        organisation=membership.organisation if membership else None,
        subject_type=subject_type,
        subject_id=str(subject.pk),
        subject_label=str(subject)[:200],
        action=str(action)[:200],
        path=path[:500],
    )


def log_access(
    actor: User, membership: Membership | None, subject: Model, action: str | Promise, path: str = ""
) -> AccessLogEntry:
    """Record that actor (acting through membership) read subject's personal data.

    Every view, export and task that shows a person's personal data calls this, in the same
    request, before the data leaves the server.
    """
    entry = _entry(actor, membership, subject, ContentType.objects.get_for_model(subject), action, path)
    entry.save()
    return entry


def log_access_many(
    actor: User, membership: Membership | None, subjects: Iterable[Model], action: str | Promise, path: str = ""
) -> list[AccessLogEntry]:
    """log_access() for every subject shown on one page (a day list, an export), in one query."""
    subjects = list(subjects)
    if not subjects:
        return []
    types: dict[type[Model], ContentType] = {}
    entries = []
    for subject in subjects:
        model = type(subject)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(subject)
        entries.append(_entry(actor, membership, subject, types[model], action, path))
    return AccessLogEntry.objects.bulk_create(entries)


def log_shown(
    request: HttpRequest, membership: Membership | None, subjects: Iterable[Model], action: str | Promise
) -> list[AccessLogEntry]:
    """log_access_many() for the subjects one page shows, by the person asking, at the address they asked
    for (with its query string: which month, which filter)."""
    return log_access_many(request.user, membership, subjects, action, request.get_full_path())  # type: ignore[arg-type]


def access_log_for(subject: Model) -> QuerySet[AccessLogEntry]:
    """Who has looked at this person's data, newest first."""
    return AccessLogEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("actor", "organisation")
