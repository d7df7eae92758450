"""All demo data, for `make run` (manage.py demo) and the browser tests."""

from django.db import transaction

from tunet.accounts import demo as accounts_demo
from tunet.approval import demo as approval_demo
from tunet.approval import demo_standards
from tunet.care import demo as care_demo
from tunet.catalogue import demo as catalogue_demo
from tunet.learning import demo as learning_demo
from tunet.purchasing import demo as purchasing_demo


@transaction.atomic
def load():
    """Load every part's demo data (idempotent). Returns the demo organisations by key."""
    # The standards first: self-audits and approvals in the demo answer the versions in force.
    demo_standards.load()
    organisations = accounts_demo.load()
    catalogue_demo.load(organisations)
    approval_demo.load(organisations)
    purchasing_demo.load(organisations)
    care_demo.load(organisations)
    learning_demo.load()
    return organisations
