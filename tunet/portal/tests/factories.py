"""Ways in to a participant's pages for tests: the participant's own login and relatives' logins with
the consent the test needs."""

import datetime

from django.utils import timezone

from tunet.accounts.tests.factories import UserFactory
from tunet.portal.models import CONSENTS, AccessKind, ConsentFrom, PortalAccess


def own_login(person, **fields):
    user = UserFactory(full_name=str(person))
    return PortalAccess.objects.create(
        participant=person,
        kind=AccessKind.SELF,
        user=user,
        full_name=str(person),
        email=user.email,
        recorded_by=person.created_by,
        **dict.fromkeys(CONSENTS, True),
        **fields,
    )


def relative(person, consents=("sees_days", "reports_absence", "sees_goals", "may_be_contacted"), **fields):
    user = UserFactory(full_name="Kari Pårørende")
    return PortalAccess.objects.create(
        participant=person,
        kind=AccessKind.RELATIVE,
        user=user,
        full_name=user.full_name,
        email=user.email,
        relation="datter",
        consent_from=ConsentFrom.PARTICIPANT,
        consent_on=timezone.localdate() - datetime.timedelta(days=3),
        recorded_by=person.created_by,
        **{name: name in consents for name in CONSENTS},
        **fields,
    )
