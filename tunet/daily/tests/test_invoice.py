"""The invoice computation's rules, as properties that hold for any terms, attendance and closed days."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tunet.daily import invoice as billing

STATUSES = ["present", "absent_notice", "no_show", "sent_home", "closed"]

prices = st.decimals(min_value=Decimal("0"), max_value=Decimal("20000"), places=2)
months = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 1)).map(
    lambda d: d.replace(day=1)
)
places_per_weekday = st.dictionaries(st.integers(0, 6), st.integers(1, 5), min_size=1, max_size=7)


def terms(model, price, places, start, end, number=1):
    return billing.Terms(number=number, price_model=model, price=price, places=places, start=start, end=end)


@st.composite
def month_case(draw, model=None):
    """A month, one version of terms (whose period may start or end inside the month), attendance
    for a few participants and some closed days."""
    month = draw(months)
    days = billing.month_days(month)
    start = draw(st.dates(min_value=days[0] - datetime.timedelta(days=60), max_value=days[-1]))
    end = draw(st.dates(min_value=max(start, days[0]), max_value=days[-1] + datetime.timedelta(days=60)))
    version = terms(
        model or draw(st.sampled_from(["attended_day", "reserved_day", "place_month"])),
        draw(prices),
        draw(places_per_weekday),
        start,
        end,
    )
    stays = [
        billing.Stay(n, f"Deltaker {n}", draw(st.dictionaries(st.sampled_from(days), st.sampled_from(STATUSES))))
        for n in range(draw(st.integers(0, 4)))
    ]
    closed = draw(st.sets(st.sampled_from(days), max_size=8))
    return month, version, stays, closed


@settings(max_examples=150, deadline=None)
@given(month_case())
def test_totals_are_never_negative_and_are_the_sum_of_the_lines_in_ore(case):
    month, version, stays, closed = case
    basis = billing.compute_month(month, [version], stays, closed)
    assert basis.total >= 0
    assert basis.total == sum((line.amount for line in basis.lines), Decimal("0"))
    for line in basis.lines:
        assert line.amount == line.amount.quantize(Decimal("0.01"))
        assert line.amount >= 0


@settings(max_examples=150, deadline=None)
@given(month_case("attended_day"))
def test_attended_day_is_price_times_days_present_or_sent_home(case):
    month, version, stays, closed = case
    counted = sum(
        1
        for stay in stays
        for day, status in stay.attendance.items()
        if status in ("present", "sent_home") and version.covers(day) and day not in closed
    )
    basis = billing.compute_month(month, [version], stays, closed)
    assert basis.total == (version.price * counted).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@settings(max_examples=150, deadline=None)
@given(month_case("reserved_day"))
def test_reserved_day_never_bills_a_closed_day(case):
    month, version, stays, closed = case
    open_days = [d for d in billing.month_days(month) if version.covers(d) and d not in closed]
    expected = version.price * sum(version.places.get(d.weekday(), 0) for d in open_days)
    basis = billing.compute_month(month, [version], stays, closed)
    assert basis.total == expected.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # Closing one more day never raises the bill, and closing a reserved day lowers it.
    for day in open_days:
        fewer = billing.compute_month(month, [version], stays, closed | {day})
        assert fewer.total <= basis.total
        if version.places.get(day.weekday()) and version.price:
            assert fewer.total < basis.total


@settings(max_examples=150, deadline=None)
@given(months, prices, places_per_weekday, st.sets(st.integers(1, 28), max_size=10))
def test_a_full_month_of_place_month_is_price_times_places(month, price, places, closed_dates):
    days = billing.month_days(month)
    version = terms("place_month", price, places, days[0] - datetime.timedelta(days=5), days[-1])
    closed = {month.replace(day=n) for n in closed_dates}
    basis = billing.compute_month(month, [version], [], closed)
    assert basis.total == (price * max(places.values())).quantize(Decimal("0.01"))


@settings(max_examples=150, deadline=None)
@given(month_case("place_month"))
def test_place_month_is_pro_rata_and_never_more_than_a_full_month(case):
    month, version, stays, closed = case
    basis = billing.compute_month(month, [version], stays, closed)
    assert basis.total <= (version.price * version.max_places).quantize(Decimal("0.01"))
    in_force = sum(1 for d in billing.month_days(month) if version.covers(d))
    # Multiplied before dividing, so a third of a month is exact to the øre.
    expected = version.price * version.max_places * in_force / Decimal(len(billing.month_days(month)))
    assert basis.total == expected.quantize(Decimal("0.01"), ROUND_HALF_UP)


@st.composite
def period_case(draw):
    """A period over two or three months with a boundary inside it, and attendance all over it."""
    first = draw(st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 10, 1)))
    last = draw(st.dates(min_value=first + datetime.timedelta(days=32), max_value=first + datetime.timedelta(days=80)))
    boundary = billing.month_days(first)[-1]  # the last day of the first month
    model = draw(st.sampled_from(["attended_day", "reserved_day", "place_month"]))
    version = terms(model, draw(prices), draw(places_per_weekday), first - datetime.timedelta(days=3), last)
    all_days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    stays = [
        billing.Stay(n, f"Deltaker {n}", draw(st.dictionaries(st.sampled_from(all_days), st.sampled_from(STATUSES))))
        for n in range(draw(st.integers(0, 3)))
    ]
    closed = draw(st.sets(st.sampled_from(all_days), max_size=10))
    return first, boundary, last, version, stays, closed


def _sum(bases):
    return sum((basis.total for basis in bases), Decimal("0"))


@settings(max_examples=150, deadline=None)
@given(period_case())
def test_splitting_a_period_at_a_month_boundary_changes_nothing(case):
    first, boundary, last, version, stays, closed = case
    whole = billing.monthly_bases(first, last, [version], stays, closed)
    before = billing.monthly_bases(first, boundary, [version], stays, closed)
    after = billing.monthly_bases(boundary + datetime.timedelta(days=1), last, [version], stays, closed)
    assert _sum(whole) == _sum(before) + _sum(after)
    # And each month of the whole period is exactly the month computed on its own.
    assert [b.total for b in whole] == [b.total for b in before + after]


def test_rounding_is_to_ore_half_up():
    # 1000.05 × 3 / 30 days of 31: 96.7790... → 96.78; a half øre rounds up.
    month = datetime.date(2025, 1, 1)
    version = terms("place_month", Decimal("1000.05"), {0: 3}, datetime.date(2025, 1, 2), datetime.date(2025, 12, 31))
    basis = billing.compute_month(month, [version], [], set())
    assert basis.total == (Decimal("1000.05") * 3 * 30 / 31).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert billing.to_ore(Decimal("0.005")) == Decimal("0.01")
    assert billing.to_ore(Decimal("2.675")) == Decimal("2.68")


def test_a_later_version_takes_over_from_its_start():
    month = datetime.date(2025, 3, 1)
    old = terms("attended_day", Decimal("800"), {1: 2}, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    new = terms("attended_day", Decimal("900"), {1: 2}, datetime.date(2025, 3, 15), datetime.date(2025, 12, 31), 2)
    stay = billing.Stay(1, "Kari", {datetime.date(2025, 3, 4): "present", datetime.date(2025, 3, 18): "sent_home"})
    basis = billing.compute_month(month, [old, new], [stay], set())
    assert [line.unit_price for line in basis.lines] == [Decimal("800"), Decimal("900")]
    assert basis.total == Decimal("1700.00")


def test_a_version_that_renews_itself_is_billed_after_its_end_date():
    from tunet.purchasing.models import OPEN_END

    terms = billing.Terms(
        number=1,
        price_model=billing.PER_RESERVED_DAY,
        price=Decimal("100"),
        places={0: 1},
        start=datetime.date(2020, 1, 1),
        end=OPEN_END,
    )
    basis = billing.compute_month(datetime.date(2030, 6, 1), [terms], [], set())
    assert basis.total == Decimal("100") * 4  # the Mondays of June 2030
