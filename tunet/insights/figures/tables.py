"""Every figure of the pages, one function each, and the order the pages show them in."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from tunet.accounts.access import StatisticsScope
from tunet.approval.models import ApprovalStatus
from tunet.care.models import EndReason
from tunet.catalogue.models import Weekday
from tunet.daily.models import Severity
from tunet.portal.models import QUESTIONS

from .. import queries
from ..queries import Filters
from ..suppression import PRIMARY, WITHHELD, suppress_list
from .base import (
    SMALL_TEXT,
    Figure,
    Table,
    _areas_present,
    _cell,
    _days,
    _percent,
    _suppressed_2d,
    count,
)

# --- The tables -----------------------------------------------------------------------------------------


def farms_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.farms_by_area_and_status(scope, filters)
    statuses = [(value, str(label)) for value, label in ApprovalStatus.choices]
    areas = sorted({area for area, _status in counts})
    rows = []
    for area in areas:
        values = [counts.get((area, status), 0) for status, _label in statuses]
        values[0] += counts.get((area, ""), 0)  # no approval yet: not yet approved
        rows.append((area, [*map(count, values), count(sum(values))]))
    columns = [label for _status, label in statuses] + [_("All farms")]
    totals = [count(sum(int(cells[i].value or 0) for _a, cells in rows)) for i in range(len(columns))]
    return Table(
        "farms",
        _("Farms by approval"),
        _("Farms in the scheme today by the state of their approval."),
        _("Municipality") if filters.by_municipality else _("County"),
        columns,
        rows,
        totals if rows else None,
        chart_column=1,
    )


def approvals_table(scope: StatisticsScope, filters: Filters) -> Table:
    months = queries.approvals_by_month(scope, filters)
    rows = [(date_format(month, "F Y"), [count(new), count(lost)]) for month, (new, lost) in sorted(months.items())]
    totals = [count(sum(new for new, _l in months.values())), count(sum(lost for _n, lost in months.values()))]
    return Table(
        "approvals",
        _("New and lost approvals"),
        _("Farms approved, and approvals suspended, lapsed or revoked, month by month."),
        _("Month"),
        [_("New approvals"), _("Lost approvals")],
        rows,
        totals if rows else None,
    )


def _place_counts(scope: StatisticsScope, filters: Filters, memo: dict | None) -> tuple[dict, dict]:
    """Places offered and bought by service area and weekday: read once for the two tables using them."""
    memo = {} if memo is None else memo
    if "places" not in memo:
        offered = {} if scope.is_buyer else queries.places_offered(scope, filters)
        memo["places"] = offered, queries.places_bought(scope, filters)
    return memo["places"]


def places_table(scope: StatisticsScope, filters: Filters, memo: dict | None = None) -> Table:
    offered, bought = _place_counts(scope, filters, memo)
    offers = {} if scope.is_buyer else queries.offers_by_service_area(scope, filters)

    def per_area(counts: dict[tuple[str, ...], int], area: str) -> int:
        return sum(n for (service_area, _day), n in counts.items() if service_area == area)

    areas = _areas_present(offers, [k[0] for k in offered], [k[0] for k in bought])
    rows = []
    for area, label in areas:
        o, b = per_area(offered, area), per_area(bought, area)
        cells = [count(b)] if scope.is_buyer else [count(offers.get(area, 0)), count(o), count(b), _percent(b, o)]
        rows.append((label, cells))
    total_offered, total_bought = sum(offered.values()), sum(bought.values())
    if scope.is_buyer:
        columns = [_("Places bought a week")]
        totals = [count(total_bought)]
    else:
        columns = [_("Offers"), _("Places offered a week"), _("Places bought a week"), _("Utilisation")]
        totals = [
            count(sum(offers.values())),
            count(total_offered),
            count(total_bought),
            _percent(total_bought, total_offered),
        ]
    description = (
        _("Places a week your agreements in force hold on the last day of the period.")
        if scope.is_buyer
        else _(
            "Offers and places a week on farms listed today, places held by agreements in force on the last day "
            "of the period, and utilisation: bought ÷ offered."
        )
    )
    return Table(
        "places",
        _("Places by service area"),
        description,
        _("Service area"),
        columns,
        rows,
        totals if rows else None,
        chart_column=0 if scope.is_buyer else 1,
    )


def weekdays_table(scope: StatisticsScope, filters: Filters, memo: dict | None = None) -> Table:
    offered, bought = _place_counts(scope, filters, memo)

    def per_day(counts: dict[tuple[str, ...], int], day: int) -> int:
        return sum(n for (_area, weekday), n in counts.items() if weekday == str(day))

    rows = []
    for day in Weekday:
        o, b = per_day(offered, day.value), per_day(bought, day.value)
        rows.append((str(day.label), [count(b)] if scope.is_buyer else [count(o), count(b), _percent(b, o)]))
    columns = [_("Places bought")] if scope.is_buyer else [_("Places offered"), _("Places bought"), _("Utilisation")]
    return Table(
        "weekdays",
        _("Places per weekday"),
        _("Places on each weekday, offered by listed farms and bought in agreements in force."),
        _("Weekday"),
        columns,
        rows if (offered or bought) else [],
    )


def requests_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.requests_by_service_area(scope, filters)
    waits = queries.days_to_agreement(scope, filters)
    rows = []
    for area, label in _areas_present(counts):
        published, answered, unanswered, agreed = counts[area]
        rows.append(
            (label, [count(published), count(answered), count(unanswered), count(agreed), _days(waits.get(area))])
        )
    sums = [sum(values[i] for values in counts.values()) for i in range(4)]
    agreed_total = sums[3]
    mean_wait = sum(waits.get(area, 0) * counts[area][3] for area in counts) / agreed_total if agreed_total else None
    return Table(
        "requests",
        _("Requests for places"),
        _(
            "Requests written in the period: answered with at least one offer, not answered (unmet demand), "
            "and those that became an agreement, with the average days from request to agreement."
        ),
        _("Service area"),
        [_("Requests"), _("Answered"), _("Not answered"), _("Agreements"), _("Days to agreement")],
        rows,
        [*map(count, sums), _days(mean_wait)] if rows else None,
    )


def participants_table(scope: StatisticsScope, filters: Filters, groups: dict[str, str]) -> Table:
    counts = queries.placements_by_target_group_and_area(scope, filters)
    areas = _areas_present([area for _group, area in counts])
    group_keys = [key for key in groups if any(g == key for g, _a in counts)]
    if any(g == "" for g, _a in counts):
        group_keys.append("")
    rows = [
        (groups.get(key) or _("Not stated"), [counts.get((key, area), 0) for area, _label in areas])
        for key in group_keys
    ]
    return _suppressed_2d(
        "participants",
        _("Placements by target group and service area"),
        _(
            "Placements that ran some time in the period. A participant placed twice is counted twice; the target "
            "group is that of the request behind the agreement."
        ),
        _("Target group"),
        rows,
        [label for _area, label in areas],
    )


def stays_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.placements_started_and_length(scope, filters)
    areas = _areas_present(counts)
    started, total_started = suppress_list([counts[area][0] for area, _label in areas]) if areas else ([], None)
    rows = []
    for (area, label), cell in zip(areas, started, strict=True):
        _s, ended, length = counts[area]
        # An average over fewer than five stays says too much about each of them.
        rows.append((label, [_cell(cell), _days(length) if ended >= 5 else Figure(None, "–")]))
    table = Table(
        "stays",
        _("New placements and length of stay"),
        _(
            "Placements that started in the period, and the average length in days of those that ended in it "
            "(shown where at least five ended)."
        ),
        _("Service area"),
        [_("New placements"), _("Average days for those that ended")],
        rows,
        [_cell(total_started), Figure(None, "")] if total_started is not None else None,
        suppressed=True,
    )
    table.withheld = total_started is not None and total_started.hidden == WITHHELD
    return table


def endings_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.endings_by_area_and_reason(scope, filters)
    areas = _areas_present([area for area, _reason in counts])
    reasons = list(EndReason.choices)
    rows = [(label, [counts.get((area, reason), 0) for reason, _l in reasons]) for area, label in areas]
    return _suppressed_2d(
        "endings",
        _("Why placements ended"),
        _("Placements that ended in the period, by why they ended: to work, to education, another measure, ..."),
        _("Service area"),
        rows,
        [str(label) for _reason, label in reasons],
    )


def attendance_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.attendance_by_area(scope, filters)
    rows = []
    for area, label in _areas_present(counts):
        days = counts[area]
        expected = days["present"] + days["absent_notice"] + days["no_show"] + days["sent_home"]
        if days["people"] < 5:
            rows.append((label, [Figure(None, str(SMALL_TEXT), PRIMARY)] + [Figure(None, "–")] * 3))
            continue
        rows.append(
            (
                label,
                [
                    Figure(None, _("5 or more")),
                    _percent(days["present"], expected),
                    _percent(days["absent_notice"], expected),
                    _percent(days["no_show"], expected),
                ],
            )
        )
    return Table(
        "attendance",
        _("Attendance"),
        _(
            "Of the farm days registered in the period (days the farm was closed left out): the share present, "
            "absent with notice and absent without notice. Shown for at least five participants."
        ),
        _("Service area"),
        [_("Participants"), _("Attendance rate"), _("Reported absence"), _("Unreported absence")],
        rows,
        chart_column=1,
        suppressed=True,
    )


def incidents_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.incidents_by_area_and_severity(scope, filters)
    areas = _areas_present([area for area, _severity in counts])
    severities = list(Severity.choices)
    rows = [(label, [counts.get((area, value), 0) for value, _l in severities]) for area, label in areas]
    return _suppressed_2d(
        "incidents",
        _("Incidents by severity"),
        _("Incidents that happened in the period, counted only."),
        _("Service area"),
        rows,
        [str(label) for _value, label in severities],
    )


def _average(value: float | None, shown: bool) -> Figure:
    """An average answer on the five faces, shown only where the number of answers is."""
    if not shown or value is None:
        return Figure(None, "–")
    average = round(value, 1)
    return Figure(average, number_format(average, 1))


def check_ins_table(scope: StatisticsScope, filters: Filters) -> Table:
    """«Hvordan går det?»: the number of answers by service area (suppressed like any count of
    participants) and the average of each question where that number is shown: an average of fewer
    than five answers could tell one person's answer."""
    answers = queries.check_ins_by_area(scope, filters)
    areas = _areas_present(answers)
    cells, total = suppress_list([int(answers[area]["n"]) for area, _label in areas])
    overall = {
        name: (
            sum(answers[a]["n"] * (answers[a][name] or 0) for a, _l in areas)
            / max(sum(answers[a]["n"] for a, _l in areas), 1)
        )
        for name in QUESTIONS
    }
    rows = [
        (label, [_cell(cell), *(_average(answers[area][name], not cell.hidden) for name in QUESTIONS)])
        for (area, label), cell in zip(areas, cells, strict=True)
    ]
    return Table(
        "check_ins",
        _("How is it going? The participants' answers"),
        _(
            "Answers to «How is it going?» for the period, and the average of each question "
            "from 1 (very bad) to 5 (very good)."
        ),
        _("Service area"),
        [_("Answers"), *(str(question) for question in QUESTIONS.values())],
        rows,
        [_cell(total), *(_average(overall[name], bool(areas) and not total.hidden) for name in QUESTIONS)]
        if rows
        else None,
        suppressed=True,
    )


def school_table(scope: StatisticsScope, filters: Filters) -> Table:
    counts = queries.school_completions_by_county(scope, filters)
    rows = [(county, [count(n)]) for county, n in sorted(counts.items()) if county]
    return Table(
        "school",
        _("IPT school completed"),
        _("Certificates from the IPT school issued in the period, by the county of the holder's farm."),
        _("County"),
        [_("Completed")],
        rows,
        [count(sum(counts.values()))] if rows else None,
    )


def _participants(scope: StatisticsScope, filters: Filters) -> Table:
    groups = {str(group.pk): group.name for group in queries.target_groups()}
    return participants_table(scope, filters, groups)


TableMaker = Callable[..., Table]  # (scope, filters) and, for the tables of places, a shared memo

# Every table by its key, in the order of the page; the second value: whether a buyer sees it (a buyer
# sees only its own purchases, not the farms, the approval scheme or the school).
TABLES: dict[str, tuple[TableMaker, bool]] = {
    "farms": (farms_table, False),
    "approvals": (approvals_table, False),
    "places": (places_table, True),
    "weekdays": (weekdays_table, True),
    "requests": (requests_table, True),
    "participants": (_participants, True),
    "stays": (stays_table, True),
    "endings": (endings_table, True),
    "attendance": (attendance_table, True),
    "incidents": (incidents_table, True),
    "check_ins": (check_ins_table, True),
    "school": (school_table, False),
}


def table_keys(scope: StatisticsScope) -> list[str]:
    return [key for key, (_maker, for_buyer) in TABLES.items() if for_buyer or not scope.is_buyer]


def tables_for(scope: StatisticsScope, filters: Filters) -> list[Table]:
    """Every table the viewer's page shows, in order."""
    memo: dict = {}
    tables = []
    for key in table_keys(scope):
        maker = TABLES[key][0]
        tables.append(maker(scope, filters, memo) if key in ("places", "weekdays") else maker(scope, filters))
    return tables


def public_tables(today: datetime.date) -> list[Table]:
    """The public page: per county, farms listed, offers and places a week, and placements running today."""
    counties = queries.public_by_county(today)
    names = sorted(counties)
    placements, placements_total = suppress_list([counties[name].get("placements", 0) for name in names])
    rows = [
        (
            name,
            [
                count(counties[name].get("farms", 0)),
                count(counties[name].get("offers", 0)),
                count(counties[name].get("places", 0)),
                _cell(placement),
            ],
        )
        for name, placement in zip(names, placements, strict=True)
    ]
    totals = [count(sum(counties[name].get(key, 0) for name in names)) for key in ("farms", "offers", "places")]
    return [
        Table(
            "counties",
            _("Inn på tunet by county"),
            _("Approved farms, their offers and places a week, and placements running today, by county."),
            _("County"),
            [_("Approved farms"), _("Offers"), _("Places a week"), _("Placements today")],
            rows,
            [*totals, _cell(placements_total)] if rows else None,
            suppressed=True,
        )
    ]
