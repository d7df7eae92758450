"""What a search finds: a page of cards for the list, or the farms' positions for the map."""

import datetime
from typing import Any

from django.core.paginator import Page, Paginator

from .cards import cards
from .form import Criteria
from .sql import count_farms, farm_rows

MAX_PAGE = 1_000_000


def positions(
    criteria: Criteria, limit: int, today: datetime.date | None = None
) -> list[tuple[int, str, float, float]]:
    """(id, name, latitude, longitude) of the farms the search finds, in the list's order, up to limit."""
    rows = farm_rows(criteria, limit, today=today, count=False)
    return [(pk, name, lat, lon) for pk, name, _municipality, lat, lon, *_rest in rows]


def find(criteria: Criteria, page: Any = None, per_page: int = 20, today: datetime.date | None = None) -> Page:
    """The page of farms (by number, as the URL gives it: anything odd is page one, past the end the
    last page) that meet the criteria, nearest first when a place is given, else by name."""
    try:
        number = min(max(1, int(page)), MAX_PAGE)  # past any real end, and the offset stays an integer SQL takes
    except (TypeError, ValueError):
        number = 1
    rows = farm_rows(criteria, per_page, (number - 1) * per_page, today)
    if rows:
        count = rows[0][-1]
    else:
        count = count_farms(criteria, today) if number > 1 else 0
        if count:  # a page past the end: the last one, as Django's Paginator.get_page() does
            number = -(-count // per_page)
            rows = farm_rows(criteria, per_page, (number - 1) * per_page, today)
        else:
            number = 1
    # Django's page and pager, told the count the query gave: they ask nothing more of the database.
    return Page(cards(rows, criteria), number, Paginator(range(count), per_page))
