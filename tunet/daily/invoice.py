"""The invoice basis: what one agreement costs the buyer for one month. Pure functions, no database.

The rules (also printed on the invoice basis PDF):

* The terms that apply on a day are those of the agreement version in force that day: the last
  signed version (by number) whose period (start to end, both included) covers the day; a
  version that renews itself covers the days after its end date too, until the agreement is
  terminated. A day no version covers is never billed.
* A day the farm has registered as closed (holiday, weather) is never billed, in any price model
  except the place-month model, whose price is for the place, not the day.
* Per attended day: price × the days a participant came, that is attendance registered as
  «Til stede» or «Sendt hjem» (a participant sent home has had the day started for them). Absence
  with or without notice, and «Stengt», are not billed. One line per participant.
* Per reserved day: price × reserved places on each of the agreement's weekdays in the month
  within the agreement's period, whether anyone came or not. One line per weekday.
* Per place per month: price × places (the most places on any weekday) × the share of the
  month's days the agreement is in force (days in force ÷ days in the month), so a month that
  starts or ends the agreement is paid pro rata. A full month is price × places.
* Every line's amount is rounded to øre (half up); the total is the sum of the lines.

A period longer than a month is billed month by month (monthly_bases), so billing two months
together gives the same as billing each.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PER_ATTENDED_DAY = "attended_day"
PER_RESERVED_DAY = "reserved_day"
PER_PLACE_MONTH = "place_month"

# The attendance statuses that count as a day attended (present, and sent home).
ATTENDED = frozenset({"present", "sent_home"})
ORE = Decimal("0.01")


@dataclass(frozen=True, eq=False)  # compared by identity: places is a dict
class Terms:
    """The billing terms of one agreement version: price model, price, places per weekday
    ({0: 2} is two places on Mondays) and the period it is in force, both ends included."""

    number: int
    price_model: str
    price: Decimal
    places: dict
    start: datetime.date
    end: datetime.date

    def covers(self, day):
        return self.start <= day <= self.end

    @property
    def max_places(self):
        return max(self.places.values(), default=0)


@dataclass(frozen=True)
class Stay:
    """One participant's placement: a label for the line and the attendance {date: status}."""

    placement_id: int
    label: str
    attendance: dict = field(default_factory=dict)


@dataclass
class Line:
    text: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    placement_id: int | None = None

    def as_json(self):
        return {
            "text": self.text,
            "quantity": str(self.quantity),
            "unit_price": str(self.unit_price),
            "amount": str(self.amount),
            "placement_id": self.placement_id,
        }


@dataclass
class Basis:
    month: datetime.date
    price_model: str | None
    lines: list
    total: Decimal

    def as_json(self):
        return {
            "month": self.month.isoformat(),
            "price_model": self.price_model,
            "lines": [line.as_json() for line in self.lines],
            "total": str(self.total),
        }


def to_ore(amount):
    return Decimal(amount).quantize(ORE, rounding=ROUND_HALF_UP)


def month_days(month):
    """Every date of the month that `month` (any date in it) falls in."""
    first = month.replace(day=1)
    count = calendar.monthrange(first.year, first.month)[1]
    return [first + datetime.timedelta(days=n) for n in range(count)]


def terms_on(versions, day):
    """The version in force on day: the highest-numbered one covering it, or None."""
    covering = [terms for terms in versions if terms.covers(day)]
    return max(covering, key=lambda terms: terms.number) if covering else None


def weekday_name(weekday):
    return [_("Mondays"), _("Tuesdays"), _("Wednesdays"), _("Thursdays"), _("Fridays"), _("Saturdays"), _("Sundays")][
        weekday
    ]


def compute_month(month, versions, stays, closed_days, *, within=None):
    """The invoice basis of one month. versions: the signed Terms; stays: the Stay of each placement
    on the agreement; closed_days: the farm's closed dates. within: (first, last) to bill only part
    of the month (used to check that splitting a period changes nothing); the whole month by default.
    """
    days = month_days(month)
    if within is not None:
        days = [day for day in days if within[0] <= day <= within[1]]
    closed = set(closed_days)
    in_force = {day: terms_on(versions, day) for day in days}
    models = {terms.price_model for terms in in_force.values() if terms is not None}
    lines = []
    # Versions are billed one by one, so a change of price mid-month gives a line per price.
    for terms in sorted({t for t in in_force.values() if t is not None}, key=lambda t: t.number):
        own_days = [day for day in days if in_force[day] is terms]
        if terms.price_model == PER_ATTENDED_DAY:
            lines += _attended_lines(terms, own_days, stays, closed)
        elif terms.price_model == PER_RESERVED_DAY:
            lines += _reserved_lines(terms, own_days, closed)
        elif terms.price_model == PER_PLACE_MONTH:
            lines += _place_month_lines(terms, own_days, len(month_days(month)))
    total = sum((line.amount for line in lines), Decimal("0.00"))
    return Basis(
        month=month.replace(day=1),
        price_model=models.pop() if len(models) == 1 else None,
        lines=lines,
        total=to_ore(total),
    )


def _attended_lines(terms, days, stays, closed):
    billable = set(days) - closed
    lines = []
    for stay in stays:
        counted = sum(1 for day, status in stay.attendance.items() if day in billable and status in ATTENDED)
        if counted:
            lines.append(
                Line(
                    text=ngettext("%(name)s: %(days)s day present", "%(name)s: %(days)s days present", counted)
                    % {"name": stay.label, "days": counted},
                    quantity=Decimal(counted),
                    unit_price=terms.price,
                    amount=to_ore(terms.price * counted),
                    placement_id=stay.placement_id,
                )
            )
    return lines


def _reserved_lines(terms, days, closed):
    per_weekday = defaultdict(int)
    for day in days:
        if day not in closed:
            per_weekday[day.weekday()] += terms.places.get(day.weekday(), 0)
    return [
        Line(
            text=_("Reserved places, %(weekdays)s: %(days)s days × %(places)s places")
            % {
                "weekdays": weekday_name(weekday),
                "days": units // terms.places[weekday],
                "places": terms.places[weekday],
            },
            quantity=Decimal(units),
            unit_price=terms.price,
            amount=to_ore(terms.price * units),
        )
        for weekday, units in sorted(per_weekday.items())
        if units
    ]


def _place_month_lines(terms, days, days_in_month):
    places = terms.max_places
    if not places or not days:
        return []
    share = Decimal(len(days)) / Decimal(days_in_month)
    text = _("%(places)s places × the whole month") % {"places": places}
    if len(days) != days_in_month:
        text = _("%(places)s places × %(days)s of %(month_days)s days") % {
            "places": places,
            "days": len(days),
            "month_days": days_in_month,
        }
    return [
        Line(
            text=text,
            quantity=(places * share).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
            unit_price=terms.price,
            amount=to_ore(terms.price * places * len(days) / Decimal(days_in_month)),
        )
    ]


def months_between(first, last):
    """The first day of each month from first's month to last's, in order."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def monthly_bases(first, last, versions, stays, closed_days):
    """A period billed month by month: the Basis of each month part from first to last."""
    return [
        compute_month(month, versions, stays, closed_days, within=(first, last))
        for month in months_between(first, last)
    ]
