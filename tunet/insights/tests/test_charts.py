"""The charts: SVG drawn on the server, every bar read out in the text alternative."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from tunet.insights.charts import bar_chart
from tunet.insights.figures import Figure, Table, count


def test_a_chart_has_a_bar_per_shown_row_and_reads_out_every_row():
    rows = [(f"Måned {n}", [count(n * 10)]) for n in range(1, 31)]
    rows[3] = ("Måned 4", [Figure(None, "færre enn 5", "small")])
    table = Table("approvals", "Nye godkjenninger", "", "Måned", ["Nye"], rows)
    chart = bar_chart(table)
    with translation.override("nb"):
        svg = render_to_string("insights/_chart.html", {"table": table, "chart": chart})
    assert svg.count("<rect") == 29  # the hidden row has its text but no bar
    assert 'viewBox="0 0 320 1204"' in svg  # numbers in the drawing are never localised
    assert "translate(0 1160)" in svg
    assert re.search(
        r'<desc id="chart-approvals-desc">Måned 1: 10; .*Måned 4: færre enn 5; .*Måned 30: 300\.</desc>', svg
    )
    assert 'role="img"' in svg


def test_nothing_is_drawn_when_nothing_is_shown():
    table = Table("x", "X", "", "Rad", ["Antall"], [("A", [Figure(None, "færre enn 5", "small")])])
    assert bar_chart(table) is None
