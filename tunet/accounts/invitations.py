"""Invitations by e-mail: a random token in a link, valid once and for a limited time.

The token is shown only in the link; the database keeps its SHA-256 digest, so a copy of the
database (a backup, a report) gives nobody a way in. What an invitation leads to is kept by the app
that sent it (the participant pages keep their own link to the invitation).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Invitation, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(email: str, invited_by: User, days: int | None = None) -> tuple[Invitation, str]:
    """A new invitation to email and the token for its link (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    lifetime = datetime.timedelta(days=days if days is not None else settings.INVITATION_DAYS)
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        digest=_digest(token),
        expires_at=timezone.now() + lifetime,
        invited_by=invited_by,
    )
    return invitation, token


def find(token: str) -> Invitation | None:
    """The invitation the token belongs to, used or not (the page says which), or None."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.filter(digest=_digest(token)).first()


def redeem(invitation: Invitation, user: User) -> bool:
    """Mark the invitation used by user. False if it was used or had expired: a second click, or two
    tabs at once, uses it once (the row is locked while it is checked)."""
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not current.is_open():
            return False
        current.used_at = timezone.now()
        current.used_by = user
        current.save(update_fields=["used_at", "used_by"])
    invitation.used_at, invitation.used_by = current.used_at, user
    return True


def withdraw(invitation: Invitation) -> None:
    """End an invitation that has not been used (consent withdrawn, a new link sent instead)."""
    Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(expires_at=timezone.now())
