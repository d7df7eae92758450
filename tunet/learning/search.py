"""Full-text search in Norwegian: PostgreSQL's "norwegian" configuration in production, and on
other databases (SQLite for `make run`) the same Snowball stemmer over a stored column of stems.

Both find inflected forms: "gårdene", "gården" and "gård" all become "gård".
"""

import re

import snowballstemmer
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

CONFIG = "norwegian"
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer(CONFIG)


def stems(text):
    """The Snowball stems of text's words, lower-cased, in order."""
    return _stemmer.stemWords(_WORD.findall((text or "").lower()))


def stem_column(text):
    """What Chapter.search_stems stores: every distinct stem between spaces, so " stem" marks a word start."""
    return " " + " ".join(dict.fromkeys(stems(text))) + " "


def uses_postgres():
    return connection.vendor == "postgresql"


def vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config=CONFIG) + SearchVector("search_text", weight="B", config=CONFIG)


def matching(chapters, text):
    """chapters whose title or text has every word of text (in any inflection), best first."""
    if uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        return (
            chapters.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "handbook__sort_order", "sort_order", "pk")
        )
    terms = list(dict.fromkeys(stems(text)))
    if not terms:
        return chapters.none()
    # A word start, so that "gård" also finds compounds such as "gårdsarbeid", as Norwegian needs.
    condition = Q()
    for term in terms:
        condition &= Q(search_stems__contains=f" {term}")
    in_title = Case(
        When(Q(*[Q(title_stems__contains=f" {term}") for term in terms]), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        chapters.filter(condition).annotate(rank=in_title).order_by("-rank", "handbook__sort_order", "sort_order", "pk")
    )
