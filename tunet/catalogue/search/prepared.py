"""The one place the search reaches into Django's private API: a cursor whose statements PostgreSQL
can keep prepared. catalogue/tests/test_prepared.py fails loudly when a Django upgrade changes what this needs.
"""

from typing import Any

import psycopg
from django.db import connection


def cursor() -> Any:
    """A cursor for the catalogue's queries. On PostgreSQL it sends the parameters apart from the
    SQL (server-side binding), so psycopg prepares a query the connection has run five times
    (DB_PREPARE_THRESHOLD) and PostgreSQL keeps its plan: planning took as long as answering. The
    SQL of one kind of search is always the same text. Django's own cursors bind on the client and
    are never prepared.

    Wrapped by Django's private connection._prepare_cursor(), as Django wraps its own cursors, so
    query counts (django_assert_num_queries), debug timings and atomic blocks see it. On any other
    database it is connection.cursor()."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    # As connection.cursor() does: a kept connection that failed its health check is replaced.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    return connection._prepare_cursor(psycopg.Cursor(connection.connection))  # type: ignore[attr-defined]
