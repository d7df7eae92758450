"""The standard agreement's rules that need no database: the sides, what a version's contents are,
who must still sign, and what a version cannot be signed without."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, cast

from django.db.models import Field

from tunet.accounts.models import Organisation

from .models import AgreementVersion, Signature

BUYER, FARM = "buyer", "farm"  # the sides, as access.agreement_side names them

CONTENT_FIELDS = (
    "start", "end", "renewal_years", "places", "price_model", "price", "transport", "buyer_contact",
    "farm_contact", "emergency_phone", "meeting_points", "meeting_frequency", "responsibilities",
    "termination_months",
)  # fmt: skip


def other_side(side: str) -> str:
    return FARM if side == BUYER else BUYER


def content(version: AgreementVersion) -> dict[str, Any]:
    """What both sides sign: the version's terms, by field name."""
    return {name: getattr(version, name) for name in CONTENT_FIELDS}


def fingerprint(version: AgreementVersion) -> str:
    """A short digest of a version's contents. The signing form carries it, so a change made while
    someone read the agreement is never signed unread."""
    text = json.dumps(content(version), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def buyer_approvers_needed(buyer: Organisation) -> int:
    """How many different people must sign for the buyer: two when its signing rule says so."""
    policy = getattr(buyer, "buyer_policy", None)
    return 2 if policy is not None and policy.second_approver_required else 1


def still_to_sign(signatures: Iterable[Signature], buyer_needed: int) -> dict[str, int]:
    """{side: how many more people must sign} for a version with these signatures."""
    signed: dict[str, set[int]] = {BUYER: set(), FARM: set()}
    for signature in signatures:
        signed[str(signature.side)].add(signature.user_id)
    return {BUYER: max(buyer_needed - len(signed[BUYER]), 0), FARM: max(1 - len(signed[FARM]), 0)}


def missing_terms(version: AgreementVersion) -> list[Any]:
    """The terms a version cannot be signed without, as their labels: whom to call, and when it matters."""
    required = ("buyer_contact", "farm_contact", "emergency_phone")
    # Plain fields of the version, never relations: cast for the type checker.
    fields = [cast(Field[Any, Any], AgreementVersion._meta.get_field(name)) for name in required]
    return [field.verbose_name for field in fields if not getattr(version, field.attname).strip()]
