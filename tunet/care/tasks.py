"""Time-driven work for placements, as tasks (Django's task API), never on page views.

`manage.py daily_tasks` enqueues run_daily once a day. Every step is idempotent: a placement ends
once, and reminders carry a key, so a second run tells nobody twice.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from tunet.accounts import access
from tunet.core.notifications import notify

from . import queries
from .models import Placement, PlacementStatus

# NAV placements are time-limited: both sides are reminded this many days before the planned end,
# to plan the next step in time.
END_REMINDER_DAYS = (60, 30)


@task()
def run_daily(today=None):
    """End what has ended and remind of NAV placements' planned ends, as of today (an ISO date in
    tests; the local date otherwise)."""
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        return {"ended": end_past(today), "reminded": remind_planned_ends(today)}


def end_past(today):
    """A placement given a last day stays active until that day; the day after, it is ended."""
    return Placement.objects.filter(status=PlacementStatus.ACTIVE, ended_on__lt=today).update(
        status=PlacementStatus.ENDED
    )


def remind_planned_ends(today):
    """Tell the buyer and the farm 60 and 30 days before a NAV placement's planned end. Only the
    nearest reminder is sent: a placement referred 40 days before its end gets the 30-day one only
    when it is 30 days away. The key holds the planned end, so an extended placement is reminded again."""
    reminded = 0
    for placement in queries.nav_placements_ending(today, max(END_REMINDER_DAYS)):
        days_left = (placement.planned_end - today).days
        threshold = min(days for days in END_REMINDER_DAYS if days_left <= days)
        names = {"farm": placement.agreement.farm.name, "date": date_format(placement.planned_end)}
        reminded += len(
            notify(
                [
                    *queries.buyer_followers(placement.agreement.buyer),
                    *access.farm_keepers(placement.agreement.farm),
                ],
                title=_("A NAV placement at %(farm)s ends %(date)s") % names,
                body=_("%(days)s days left. Plan the next step together with the participant.") % {"days": days_left},
                url=reverse("care:placement", args=[placement.pk]),
                key=f"placement-{placement.pk}-end-{placement.planned_end.isoformat()}-{threshold}",
            )
        )
    return reminded
