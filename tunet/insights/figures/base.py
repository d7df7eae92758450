"""The tables of «Inn på tunet i tall»: the counts from queries.py, suppressed, labelled and ready to
show as a table, a chart and a download. One Table per figure, the same for the page and the files.

Every count about participants (placements, endings, incidents) goes through suppression.py; counts
of farms, offers, places and requests are about organisations and are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tunet.catalogue.models import ServiceArea

from ..suppression import PRIMARY, SECONDARY, WITHHELD, Cell, suppress_table

SMALL_TEXT = gettext_lazy("fewer than 5")
SECONDARY_TEXT = gettext_lazy("hidden")


@dataclass
class Figure:
    """One cell as shown: the number (None when hidden), its text, and why it is hidden."""

    value: float | int | None
    text: str
    hidden: str = ""


@dataclass
class Table:
    key: str
    title: str
    description: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[Figure]]]
    totals: list[Figure] | None = None
    chart_column: int = 0  # the column drawn as a chart
    suppressed: bool = False  # counts of participants, with small numbers hidden
    withheld: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def has_rows(self) -> bool:
        return bool(self.rows) and not self.withheld

    @property
    def chart_label(self) -> str:
        return self.columns[self.chart_column]

    def chart_bars(self) -> list[tuple[str, Figure]]:
        return [(label, cells[self.chart_column]) for label, cells in self.rows]

    def header(self) -> list[str]:
        return [self.row_header, *self.columns]

    def lines(self) -> list[list[str | float | int]]:
        """The table as plain rows for a download: numbers as numbers, hidden cells as their text."""
        lines: list[list[str | float | int]] = []
        for label, cells in self.rows:
            lines.append([label, *(cell.text if cell.value is None else cell.value for cell in cells)])
        if self.totals:
            lines.append([_("Total"), *(cell.text if cell.value is None else cell.value for cell in self.totals)])
        return lines


def count(value: int) -> Figure:
    return Figure(value, number_format(value, force_grouping=True))


def _cell(cell: Cell) -> Figure:
    if cell.hidden == PRIMARY:
        return Figure(None, str(SMALL_TEXT), PRIMARY)
    if cell.hidden == SECONDARY:
        return Figure(None, str(SECONDARY_TEXT), cell.hidden)
    if cell.hidden == WITHHELD:
        # Not «hidden», which says 5 or more: a withheld column may hold anything, zeros and small counts.
        return Figure(None, "–", cell.hidden)
    return count(cell.value)


def _percent(part: float, whole: float) -> Figure:
    if not whole:
        return Figure(None, "–")
    share = round(100 * part / whole, 1)
    return Figure(share, f"{number_format(share, 1)} %")


def _days(value: float | None) -> Figure:
    if value is None:
        return Figure(None, "–")
    days = round(value)
    return Figure(days, number_format(days, force_grouping=True))


_SERVICE_AREAS = list(ServiceArea.choices)


def _areas_present(*keys: Iterable[str]) -> list[tuple[str, str]]:
    """The service areas (value, label) to show rows for: all of them, unless one is chosen."""
    present = {key for group in keys for key in group}
    return [(value, str(label)) for value, label in _SERVICE_AREAS if value in present] or []


def _suppressed_2d(
    key: str, title: str, description: str, row_header: str, rows: list[tuple[str, list[int]]], columns: list[str]
) -> Table:
    table = Table(key, title, description, row_header, [*columns, _("Total")], [], suppressed=True)
    if not rows:
        return table
    result = suppress_table([values for _label, values in rows])
    table.withheld = result.withheld
    table.rows = [
        (label, [*(_cell(cell) for cell in cells), _cell(result.row_totals[i])])
        for i, ((label, _values), cells) in enumerate(zip(rows, result.cells, strict=True))
    ]
    table.totals = [*(_cell(cell) for cell in result.column_totals), _cell(result.total)]
    table.chart_column = len(columns)
    return table
