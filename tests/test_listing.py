"""One rule lists a farm: Farm.objects.listed() for queries, Farm.is_listed() for a farm in memory.
Both read the listing the approval writes on the farm, and must say what the approval says. Here,
not in the catalogue's tests, because it holds the catalogue to approval, an app above it."""

import datetime
import itertools

import pytest
from django.utils import timezone

from tunet.approval.models import Approval, ApprovalStatus
from tunet.catalogue.models import Farm
from tunet.catalogue.tests.factories import FarmFactory

pytestmark = pytest.mark.django_db


def test_the_queryset_the_farm_and_the_approval_agree_in_every_state_and_on_every_day():
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=1)]
    approvals = {FarmFactory(): None}  # a farm without an approval
    for status, valid_until in itertools.product(ApprovalStatus.values, [None, *days]):
        if status == ApprovalStatus.APPROVED and valid_until is None:
            continue  # not allowed (approval_approved_has_valid_until)
        farm = FarmFactory()
        approvals[farm] = Approval.objects.create(farm=farm, status=status, valid_until=valid_until)
    assert any(approval and approval.is_valid(today) for approval in approvals.values())

    for day in [*days, today + datetime.timedelta(days=2)]:
        listed_farms = set(Farm.objects.listed(day).values_list("pk", flat=True))
        for farm, approval in approvals.items():
            farm = Farm.objects.get(pk=farm.pk)  # with the listing the approval wrote
            by_approval = approval is not None and approval.is_valid(day)
            assert farm.is_listed(day) == by_approval, (farm, approval, day)
            assert (farm.pk in listed_farms) == by_approval, (farm, approval, day)


def test_today_is_the_default_day():
    farm = FarmFactory()
    Approval.objects.create(farm=farm, status=ApprovalStatus.APPROVED, valid_until=timezone.localdate())
    farm.refresh_from_db()
    assert farm.is_listed()
    assert list(Farm.objects.listed()) == [farm]
