"""Months and meeting dates: reading a month from an address, naming it, and spacing meetings out.
Pure functions, no database and no permission checks."""

import datetime

from django.utils.formats import date_format

from tunet.purchasing.models import MeetingFrequency, add_months

MONTHS_BETWEEN = {
    MeetingFrequency.MONTHLY: 1,
    MeetingFrequency.QUARTERLY: 3,
    MeetingFrequency.HALF_YEARLY: 6,
    MeetingFrequency.YEARLY: 12,
}


def meeting_dates(
    frequency: str, first: datetime.date, count: int, until: datetime.date | None = None
) -> list[datetime.date]:
    """count dates from first, one frequency apart (never past until, the agreement's end)."""
    step = MONTHS_BETWEEN[MeetingFrequency(frequency)]
    dates = [add_months(first, step * n) for n in range(count)]
    return [day for day in dates if until is None or day <= until]


def month_label(month: datetime.date) -> str:
    """«mars 2026»: the names come from Django's date formats in the active language."""
    return date_format(month, "F Y")


def parse_month(year: int | str, month: int | str) -> datetime.date | None:
    """The first day of the month, or None when year and month name no month."""
    try:
        return datetime.date(int(year), int(month), 1)
    except ValueError:
        return None
