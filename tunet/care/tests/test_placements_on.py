"""placements_on(): who comes to the farm on a day, in pick-up order, in a constant number of queries.
The daily app's "I dag" page is built on it."""

import datetime

import pytest

from tunet.care import queries
from tunet.care.models import PlacementStatus

from .factories import THURSDAY, TUESDAY, deal_with_staff, next_weekday, participant, placed

pytestmark = pytest.mark.django_db


def test_only_active_placements_on_that_weekday_and_period_in_pickup_order():
    deal = deal_with_staff(places=4, offer_places=4)
    tuesday = next_weekday(TUESDAY)
    second = placed(deal, participant(deal.buyer), weekdays=(TUESDAY, THURSDAY), pickup_order=2)
    first = placed(deal, participant(deal.buyer), weekdays=(TUESDAY,), pickup_order=1)
    placed(deal, participant(deal.buyer), weekdays=(THURSDAY,))  # another weekday
    placed(deal, participant(deal.buyer), status=PlacementStatus.REFERRED)  # not accepted yet
    placed(deal, participant(deal.buyer), start=tuesday + datetime.timedelta(days=1))  # starts later
    placed(deal, participant(deal.buyer), planned_end=tuesday - datetime.timedelta(days=1))  # over by then
    protected = participant(deal.buyer, protected=True)
    protected.named_people.add(deal.farmer.user)
    third = placed(deal, protected, pickup_order=3)

    result = queries.placements_on(deal.farm, tuesday)

    assert result == [first, second, third]
    assert result[2].participant.named_people_ids == {deal.farmer.user.pk}
    assert result[0].participant.named_people_ids == frozenset()
    assert all(p.is_on(tuesday) for p in result)
    assert queries.placements_on(deal.farm, tuesday + datetime.timedelta(days=1)) == []  # a Wednesday


def test_another_farms_placements_are_not_included():
    deal, other = deal_with_staff(), deal_with_staff()
    tuesday = next_weekday(TUESDAY)
    placed(other, participant(other.buyer))
    assert queries.placements_on(deal.farm, tuesday) == []


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_is_constant(count, django_assert_num_queries):
    deal = deal_with_staff(places=count, offer_places=count)
    for n in range(count):
        person = participant(deal.buyer, protected=n % 2 == 0)
        person.named_people.add(deal.staff.user)
        placed(deal, person, pickup_order=n)
    tuesday = next_weekday(TUESDAY)
    with django_assert_num_queries(2):
        result = queries.placements_on(deal.farm, tuesday)
        for placement in result:  # what the page reads must not query again
            str(placement.participant.postal_code), placement.agreement.farm.name, placement.agreement.buyer.name
            assert placement.participant.named_people_ids == {deal.staff.user.pk}
    assert len(result) == count
