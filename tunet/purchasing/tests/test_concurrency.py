"""Overbooking is impossible even when many buyers accept at the same moment (PostgreSQL).

Twenty buyers, each with an accepted-looking offer of one place, accept at once from their own
threads and database connections; the offer has three places. Exactly three succeed.
"""

import threading
import time

import pytest
from django.db import connection, connections

from tunet.purchasing import actions, capacity
from tunet.purchasing.models import Agreement, ProposalStatus, Reservation
from tunet.purchasing.tests.scene import buyer, farm_with_offer, proposal, request_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL (CI)"),
]

ATTEMPTS = 20
PLACES = 3


def test_twenty_buyers_accepting_at_once_take_exactly_the_free_places(monkeypatch):
    # Counting takes a while here, as it may on a busy server: without the row lock every buyer
    # would count three free places before any of them had written a reservation.
    counted = capacity.free_places

    def slow_count(*args, **kwargs):
        result = counted(*args, **kwargs)
        time.sleep(0.05)
        return result

    monkeypatch.setattr(capacity, "free_places", slow_count)
    farm, offer, farmer = farm_with_offer(places=PLACES)
    attempts = []
    for _ in range(ATTEMPTS):
        case_worker = buyer()
        attempts.append((case_worker, proposal(request_for(case_worker, places=1), farm, offer, farmer)))

    start = threading.Barrier(ATTEMPTS)
    outcomes = [None] * ATTEMPTS

    def accept(i, case_worker, offered):
        try:
            start.wait()
            actions.do_accept_proposal(case_worker, offered)
            outcomes[i] = "accepted"
        except actions.NotAllowed:
            outcomes[i] = "full"
        except Exception as error:  # noqa: BLE001 - reported below, so a crash is not mistaken for "full"
            outcomes[i] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(i, *pair)) for i, pair in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(set(outcomes)) == ["accepted", "full"], outcomes
    assert outcomes.count("accepted") == PLACES
    assert Agreement.objects.count() == PLACES
    for weekday in (1, 3):
        assert sum(Reservation.objects.filter(weekday=weekday).values_list("places", flat=True)) == PLACES
    assert type(attempts[0][1]).objects.filter(status=ProposalStatus.ACCEPTED).count() == PLACES
