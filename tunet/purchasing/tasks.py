"""Buying places' time-driven work, as a task (Django's task API), never on page views.

`manage.py daily_tasks` enqueues run_daily once a day. Reminders carry a key, so a second run (or
two workers at once) tells nobody twice.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from tunet.accounts import access
from tunet.core.notifications import notify

from . import queries
from .models import Agreement, AgreementStatus, AgreementVersion, VersionState

AGREEMENT_WARNINGS_DAYS = (90, 30)


@task()
def run_daily(today=None):
    """Remind, as of today (an ISO date in tests; the local date otherwise)."""
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        return {"reminded": remind_before_end(today), "ended": end_expired(today)}


def end_expired(today):
    """An agreement in force ends the day after its end date when it does not renew itself, or
    after the day its notice period ends."""
    expired = Agreement.objects.filter(
        status=AgreementStatus.ACTIVE,
        versions__state=VersionState.SIGNED,
        versions__renewal_years=0,
        versions__end__lt=today,
    )
    terminated = Agreement.objects.filter(status=AgreementStatus.ACTIVE, ends_on__lt=today)
    return expired.update(status=AgreementStatus.ENDED) + terminated.update(status=AgreementStatus.ENDED)


def remind_before_end(today):
    """Both sides of an agreement in force are told 90 and 30 days before its end: it is renewed
    unless one of them gives notice in time, or it expires."""
    sent = 0
    ending = AgreementVersion.objects.filter(
        state=VersionState.SIGNED,
        agreement__status=AgreementStatus.ACTIVE,
        agreement__ends_on__isnull=True,  # given notice: both sides were told then, and it does not renew
        end__gte=today,
        end__lte=today + datetime.timedelta(days=max(AGREEMENT_WARNINGS_DAYS)),
    ).select_related("agreement__buyer", "agreement__farm__provider")
    for version in ending:
        agreement = version.agreement
        # Only the nearest warning: a first run 20 days before the end tells once, not twice.
        days = min(d for d in AGREEMENT_WARNINGS_DAYS if (version.end - today).days <= d)
        # Once per warning and per signed version: a new version with a new end warns again.
        key = f"agreement-{agreement.pk}-v{version.number}-ends-{version.end}-{days}"
        title, body = _reminder(agreement, version, today)
        people = [*queries.buyers(agreement.buyer), *access.farm_keepers(agreement.farm)]
        url = reverse("purchasing:agreement", args=[agreement.pk])
        sent += len(notify(people, title=title, body=body, url=url, key=key))
    return sent


def _reminder(agreement, version, today):
    names = {"agreement": agreement, "date": date_format(version.end)}
    if version.renewal_years:
        title = _("The agreement %(agreement)s is renewed after %(date)s") % names
        notice = queries.notice_by(version)
        if notice >= today:
            text = ngettext(
                "It is renewed automatically for %(years)s year unless it is terminated by %(notice)s.",
                "It is renewed automatically for %(years)s years unless it is terminated by %(notice)s.",
                version.renewal_years,
            )
        else:  # the 30-day warning usually comes after the last day for notice
            text = ngettext(
                "The last day for notice was %(notice)s, so it is renewed automatically for %(years)s year.",
                "The last day for notice was %(notice)s, so it is renewed automatically for %(years)s years.",
                version.renewal_years,
            )
        body = text % {"years": version.renewal_years, "notice": date_format(notice)}
    else:
        title = _("The agreement %(agreement)s expires on %(date)s") % names
        body = _("It is not renewed. Agree on a new agreement in good time if the places are still needed.")
    return title, body
