"""The farm day for tests: a signed agreement with a farmer, staff, the buyer's case worker and
participants placed on it, plus the people who must see nothing."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.care.models import PlacementStatus
from tunet.care.tests.factories import deal_with_staff, participant, placed
from tunet.catalogue.tests.factories import FarmFactory
from tunet.purchasing.models import AgreementVersion
from tunet.purchasing.tests.scene import buyer


def last_weekday(weekday, on_or_before=None):
    """The latest date on this weekday (0 = Monday) on or before on_or_before (today by default)."""
    day = on_or_before or timezone.localdate()
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


@dataclass
class Day:
    """A farm with participants placed every weekday, and everyone the permission matrix asks about."""

    deal: object
    placements: list

    @property
    def farm(self):
        return self.deal.farm

    @property
    def agreement(self):
        return self.deal.agreement

    @property
    def farmer(self):
        return self.deal.farmer

    @property
    def staff(self):
        return self.deal.staff

    @property
    def case_worker(self):
        return self.deal.buyer


EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def farm_day(participants=3, *, start=None, **placement_fields):
    """A signed agreement (places on Tuesdays and Thursdays) and `participants` placed on it. The
    placements come every day from `start` (90 days ago by default), so any test date works."""
    deal = deal_with_staff(places=2, offer_places=4)
    start = start or timezone.localdate() - datetime.timedelta(days=90)
    # The request behind the agreement starts in a month; this agreement has run for a year, so
    # last month can be billed. update() because a signed version refuses a changed save().
    AgreementVersion.objects.filter(agreement=deal.agreement).update(
        start=timezone.localdate() - datetime.timedelta(days=365)
    )
    placements = [
        placed(
            deal,
            participant(deal.buyer),
            weekdays=EVERY_DAY,
            start=start,
            pickup_order=participants - n,
            pickup_time=datetime.time(8, n % 60),
            **placement_fields,
        )
        for n in range(participants)
    ]
    return Day(deal=deal, placements=placements)


def outsiders():
    """The people who must see nothing of the farm's participants, by name."""
    return {
        "other_farm": member(Role.FARMER, FarmFactory().provider),
        "other_municipality": buyer("3301"),
        "approval_officer": member(Role.APPROVAL_OFFICER),
        "auditor": member(Role.AUDITOR),
    }


__all__ = ["PlacementStatus", "Day", "farm_day", "last_weekday", "outsiders"]
