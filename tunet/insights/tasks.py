"""The daily work of the statistics: add up the latest attendance per agreement and month.

`manage.py daily_tasks` enqueues run_daily once a day. Attendance can be registered and corrected
for past days until the month's invoice basis is sent, so the last three months are added up anew
each day; refresh_attendance_months(None) adds up everything (once, after loading data in bulk).
Every run replaces the months it covers, so a second run changes nothing.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django_tasks import task

from tunet.daily.models import Attendance, AttendanceStatus

from .models import AttendanceMonth

MONTHS_KEPT_OPEN = 3

_AGREEMENT = "placement__agreement__"
AGREEMENT_FIELDS = {
    "agreement_id": f"{_AGREEMENT}id",
    "buyer_id": f"{_AGREEMENT}buyer_id",
    "county_id": f"{_AGREEMENT}farm__municipality__county_id",
    "municipality_id": f"{_AGREEMENT}farm__municipality_id",
    "service_area": f"{_AGREEMENT}service_offer__service_area",
    "target_group_id": f"{_AGREEMENT}proposal__request__target_group_id",
}


def first_of_month(day, months_back=0):
    month = day.month - 1 - months_back
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


@task()
def run_daily(today=None):
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return {"attendance_months": refresh_attendance_months(first_of_month(today, MONTHS_KEPT_OPEN - 1))}


@transaction.atomic
def refresh_attendance_months(since):
    """Add up attendance per agreement and month from the month of `since` (everything when None).
    One aggregate query and one bulk insert; returns the number of rows written."""
    attendance = Attendance.objects.all()
    summaries = AttendanceMonth.objects.all()
    if since is not None:
        since = since.replace(day=1)
        attendance = attendance.filter(date__gte=since)
        summaries = summaries.filter(month__gte=since)
    counts = {status: Count("pk", filter=Q(status=status)) for status in AttendanceStatus.values}
    # All but the month follow from the agreement: grouping by them adds no groups.
    rows = (
        attendance.annotate(month=TruncMonth("date"))
        .values("month", *AGREEMENT_FIELDS.values())
        .annotate(**counts)
        .order_by()
    )
    summaries.delete()
    written = AttendanceMonth.objects.bulk_create(
        (
            AttendanceMonth(
                month=row["month"],
                **{field: row[path] for field, path in AGREEMENT_FIELDS.items()},
                **{status: row[status] for status in AttendanceStatus.values},
            )
            for row in rows.iterator()
        ),
        batch_size=2000,
    )
    return len(written)
