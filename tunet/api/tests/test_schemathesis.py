"""schemathesis, a tool nobody here wrote, against the OpenAPI document: generated requests to the
public endpoints and (with a buyer's and a farm's client key) to the organisation endpoints must never
cause a server error, and every documented answer must match its schema."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tunet.catalogue.tests.factories import add_offer, listed_farm
from tunet.daily.tests.factories import farm_day
from tunet.learning.tests.factories import ChapterFactory

from .helpers import api_client

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance]
FAST = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def scene(db):
    # schemathesis calls Django's WSGIHandler itself, which closes the database connection when a
    # request ends; inside a test's transaction on PostgreSQL that ends the test. Django's own test
    # client keeps the connection the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield _scene()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _scene():
    add_offer(listed_farm())
    ChapterFactory()
    d = farm_day(1)
    return {
        "buyer": api_client(d.case_worker.organisation)[1],
        "farm": api_client(d.farm.provider)[1],
    }


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@FAST
def test_reads(case, scene):
    for token in (None, scene["buyer"], scene["farm"]):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        case.call_and_validate(headers=headers, checks=CHECKS)


@pytest.mark.django_db
@schema.include(method="POST").parametrize()
@FAST
def test_writes(case, scene):
    case.call_and_validate(headers={"Authorization": f"Bearer {scene['farm']}"}, checks=CHECKS)
