"""Bar charts drawn on the server as SVG: readable without JavaScript, printable, and with the
numbers as text beside each bar. No charting library: a horizontal bar per row is all the figures
need, and the page's Content-Security-Policy stays as strict as it is (no inline styles, no scripts).

Each chart's text alternative reads out every bar, and the same figures follow in a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .figures import Table

WIDTH = 320  # the drawing's own units; it scales to the width of the page
ROW = 40
LABEL_CHARS = 42


@dataclass
class Bar:
    label: str
    text: str
    y: int
    width: float
    hidden: bool


@dataclass
class Chart:
    title: str
    description: str
    height: int
    bars: list[Bar]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(table: Table) -> Chart | None:
    """The table's chart column as horizontal bars, or None when there is nothing to draw."""
    figures = table.chart_bars()
    numbers = [figure.value for _label, figure in figures if isinstance(figure.value, int | float)]
    if not table.has_rows or not numbers or max(numbers) <= 0:
        return None
    largest = max(numbers)
    # Room on the right for the number written after the bar.
    room = WIDTH - 90
    bars = [
        Bar(
            label=_short(label),
            text=figure.text,
            y=index * ROW,
            width=round(room * (figure.value or 0) / largest, 1) if figure.value is not None else 0,
            hidden=figure.value is None,
        )
        for index, (label, figure) in enumerate(figures)
    ]
    description = "; ".join(f"{label}: {figure.text}" for label, figure in figures) + "."
    return Chart(
        title=_("%(title)s: %(column)s") % {"title": table.title, "column": table.chart_label},
        description=description,
        height=len(bars) * ROW + 4,
        bars=bars,
    )
