"""The search's one use of Django's private API (search/prepared.py). Should a Django upgrade change
or remove connection._prepare_cursor(), these tests fail before the catalogue does."""

import inspect

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from tunet.catalogue.search import prepared

pytestmark = pytest.mark.django_db


def test_django_still_has_the_private_method_the_search_relies_on():
    method = getattr(BaseDatabaseWrapper, "_prepare_cursor", None)
    assert callable(method), "Django removed BaseDatabaseWrapper._prepare_cursor: rewrite search/prepared.py"
    assert list(inspect.signature(method).parameters) == ["self", "cursor"], (
        "Django changed the signature of BaseDatabaseWrapper._prepare_cursor: check search/prepared.py"
    )


def test_the_cursor_is_wrapped_by_django_so_query_counts_see_it(django_assert_num_queries):
    with django_assert_num_queries(1), prepared.cursor() as cursor:
        assert isinstance(cursor, CursorWrapper)
        cursor.execute("SELECT 1")
        assert cursor.fetchall() == [(1,)]


def test_the_cursor_binds_on_the_server_on_postgresql_and_is_djangos_own_elsewhere():
    with prepared.cursor() as cursor, connection.cursor() as plain:
        if connection.vendor != "postgresql":
            assert type(cursor) is type(plain)
            assert type(cursor.cursor) is type(plain.cursor)
            return
        import psycopg

        # A ClientCursor (Django's own) puts the values into the SQL text and is never prepared.
        assert type(cursor.cursor) is psycopg.Cursor
        assert isinstance(plain.cursor, psycopg.ClientCursor)
