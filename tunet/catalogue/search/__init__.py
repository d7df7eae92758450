"""The catalogue search ("Finn gård"): the filter form and the queries behind it.

Filters live in the URL with Norwegian parameter names, so a search can be shared and the back
button works. Offer filters (service area, target group, weekdays) must all be met by the
same offer: a dementia offer on Mondays and a youth offer on Tuesdays is no dementia offer on
Tuesdays.

The modules form a one-way stack; each imports only those above it in this list:

    lists     the reference lists (cached under a stamp) and the lookups made from them, find_place()
    form      SearchForm and the Criteria it gives
    prepared  the one use of Django's private API: a cursor PostgreSQL can keep prepared statements for
    sql       the SQL of the search and of the cards' details
    cards     the result cards, put together in Python
    results   find() (a page of cards) and positions() (the map)

Speed devices
-------------
The catalogue is the page used most, and issue 4 set it targets (`make bench`: p95 ≤ 25 ms, ≥ 0.5 ×
the floor's throughput, ≥ 2 × the admin's; see README, Benchmark). Each device below earned its
place by a measured figure (commit, then the figure from its message or the session's notes); one
that stops paying for itself should go.

- Hand-written SQL instead of the ORM (sql.py): building and compiling the ORM's query took about
  6 ms, longer than PostgreSQL took to answer it. With the dict cards below (89e1d2d), page cache
  off: p95 89 / 73 ms -> 28 / 27 ms (near / county), 0.20 -> 0.63 × the floor.
- One query for the page and the count (COUNT(*) OVER () in a subquery), one more for everything
  the cards show (sql.CARD_DETAILS, UNION ALL), names from the reference lists: 8 queries a page
  became 2 (89e1d2d, 574d3dc).
- Cards as dicts with their lines put together in Python (cards.py): each value a template writes
  costs about 12 µs (89e1d2d).
- Prepared statements (prepared.py, DB_PREPARE_THRESHOLD): parameters bound on the server, id lists
  as one array parameter so the text never changes, and PostgreSQL keeps the plan; planning took as
  long as answering. With the single card query and a county as its municipalities' numbers
  (574d3dc): near p50 / p95 24.5 / 27.7 -> 20.3 / 22.6 ms, 0.63 -> 0.78 × the floor.
- The listing read from the farm (Farm.listed_until), without a join to the approvals: the join
  was half the county query, 6.4 -> 3.2 ms measured directly (98231bc).
- The reference lists cached under a stamp, and a search reads only the stamp (lists.py): each
  search had unpickled the 357 municipalities three times. With the URL patterns below (8f719e7):
  county CPU per request 14.2 -> 8.0 ms under gunicorn, county p50 / p95 18.0 / 21.3 -> 10.6 /
  13.4 ms.
- URL patterns made once per URL configuration, script prefix and language (cards.url_pattern):
  reverse() takes about 70 µs, two per card (8f719e7, with the figure above).
- The form's list fields made once per reading of the lists and shared by every copy of the form
  (form.list_fields, SharedChoiceField): building and rendering the form 7 -> 2 ms (11066df); the
  deep copy of the municipalities' field alone took 2 ms a search.
- Remembered widgets (form.Remembered): rendering the municipality list's 357 options through
  Django's templates took about a third of the page's time (615f317).

Above all of these, page_cache.py keeps whole rendered searches: p95 3–6 ms as production runs it
(issue 4's closing notes).
"""

from .form import ANIMALS_ANY, ANIMALS_NONE, RADIUS_CHOICES, Criteria, SearchForm
from .lists import REFERENCE_KEY, Place, find_place, forget_reference_lists, lookups, reference_choices
from .results import find, positions

__all__ = [
    "ANIMALS_ANY",
    "ANIMALS_NONE",
    "RADIUS_CHOICES",
    "REFERENCE_KEY",
    "Criteria",
    "Place",
    "SearchForm",
    "find",
    "find_place",
    "forget_reference_lists",
    "lookups",
    "positions",
    "reference_choices",
]
