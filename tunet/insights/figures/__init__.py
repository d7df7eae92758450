"""The tables of «Inn på tunet i tall»: the counts from queries.py, suppressed, labelled and ready to
show as a table, a chart and a download. One Table per figure, the same for the page and the files.

Every count about participants (placements, endings, incidents) goes through suppression.py; counts
of farms, offers, places and requests are about organisations and are shown as they are.
"""

from .base import Figure, Table, count
from .tables import (
    TABLES,
    TableMaker,
    approvals_table,
    attendance_table,
    check_ins_table,
    endings_table,
    farms_table,
    incidents_table,
    participants_table,
    places_table,
    public_tables,
    requests_table,
    school_table,
    stays_table,
    table_keys,
    tables_for,
    weekdays_table,
)

__all__ = [
    "Figure",
    "count",
    "TABLES",
    "Table",
    "TableMaker",
    "approvals_table",
    "attendance_table",
    "check_ins_table",
    "endings_table",
    "farms_table",
    "incidents_table",
    "participants_table",
    "places_table",
    "public_tables",
    "requests_table",
    "school_table",
    "stays_table",
    "table_keys",
    "tables_for",
    "weekdays_table",
]
