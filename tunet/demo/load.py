"""All demo data, for `make run` (manage.py demo) and the browser tests."""

from django.db import transaction

from . import accounts, approval, care, catalogue, insights, learning, portal, purchasing, standards


@transaction.atomic
def load():
    """Load every part's demo data (idempotent). Returns the demo organisations by key."""
    # The standards first: self-audits and approvals in the demo answer the versions in force.
    standards.load()
    organisations = accounts.load()
    catalogue.load(organisations)
    approval.load(organisations)
    purchasing.load(organisations)
    care.load(organisations)
    portal.load()
    learning.load()
    insights.load()
    return organisations
