"""The approval scheme's time-driven work, as tasks (Django's task API), never on page views.

`manage.py daily_tasks` enqueues run_daily once a day (from cron). Every step is idempotent: a
state change happens once, and reminders carry a key so a second run tells nobody twice.
"""

import datetime

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from tunet.accounts import access
from tunet.core.notifications import notify

from . import lifecycle, models

DEVIATION_WARNING_DAYS = 14
APPROVAL_WARNINGS_DAYS = (90, 30)
SELF_AUDIT_WARNING_DAYS = 30


@task()
def run_daily(today=None):
    """Suspend, lapse and remind, as of today (an ISO date in tests; the local date otherwise)."""
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "suspended": lifecycle.suspend_for_overdue_deviations(today),
            "lapsed": lifecycle.lapse_expired(today),
            "reminded": remind(today),
            "listings_put_right": models.sync_listings(),
        }


def remind(today):
    """Deadline in 14 days, deadline passed, approval expiring in 90 and 30 days, self-audit due."""
    sent = 0
    open_deviations = models.Deviation.objects.filter(
        status=models.DeviationStatus.OPEN, deadline__lte=today + datetime.timedelta(days=DEVIATION_WARNING_DAYS)
    ).select_related("farm__provider")
    for deviation in open_deviations:
        url = reverse("approval:deviation", args=[deviation.pk])
        if deviation.deadline < today:
            title = _("The deadline for a deviation has passed")
            key = f"deviation-{deviation.pk}-passed-{deviation.deadline}"
        else:
            title = _("A deviation has its deadline on %(date)s") % {"date": date_format(deviation.deadline)}
            key = f"deviation-{deviation.pk}-soon-{deviation.deadline}"
        sent += len(
            notify(access.farm_keepers(deviation.farm), title=title, body=deviation.description, url=url, key=key)
        )

    farm_url = reverse("approval:farm")
    for days in APPROVAL_WARNINGS_DAYS:
        expiring = models.Approval.objects.filter(
            status=models.ApprovalStatus.APPROVED,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=days),
        ).select_related("farm__provider")
        for approval in expiring:
            # Tell once per warning and per period: a renewed approval warns again before its new date.
            key = f"approval-{approval.pk}-expires-{approval.valid_until}-{days}"
            title = _("The approval of %(farm)s expires on %(date)s") % {
                "farm": approval.farm.name,
                "date": date_format(approval.valid_until),
            }
            body = _("Submit this year's self-audit and ask the approval body for a revision in good time.")
            sent += len(notify(access.farm_keepers(approval.farm), title=title, body=body, url=farm_url, key=key))

    for farm, due in self_audits_due(today, today + datetime.timedelta(days=SELF_AUDIT_WARNING_DAYS)):
        key = f"self-audit-{farm.pk}-due-{due}"
        title = _("The self-audit of %(farm)s is due on %(date)s") % {"farm": farm.name, "date": date_format(due)}
        body = _("Answer every requirement of the standards and submit the self-audit.")
        url = reverse("approval:self_audit")
        sent += len(notify(access.farm_keepers(farm), title=title, body=body, url=url, key=key))
    return sent


def self_audits_due(today, by):
    """(farm, due date) for approved farms whose yearly self-audit falls due by the given date."""
    farms = (
        models.Farm.objects.filter(approval__status=models.ApprovalStatus.APPROVED)
        .annotate(last=Max("self_audits__submitted_at", filter=Q(self_audits__status=models.SelfAuditStatus.SUBMITTED)))
        .select_related("provider")
    )
    for farm in farms:
        due = lifecycle.self_audit_due(farm.last, today)
        if due <= by:
            yield farm, due
