"""Norwegian full-text search finds inflected forms, on PostgreSQL and on SQLite alike."""

import pytest
from django.db import connection
from django.urls import reverse

from tunet.learning import queries
from tunet.learning.models import Audience

from .factories import chapter_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def chapters():
    return {
        "gard": chapter_for(Audience.BUYER, title="Om tilbudet", body="<p>Hver gård har sitt eget preg.</p>"),
        "dyr": chapter_for(Audience.PROVIDER, title="Dyra", body="<p>Hestene og hønene trenger stell.</p>"),
        "plikt": chapter_for(
            Audience.BUYER, Audience.PROVIDER, title="Aktivitetsplikten", body="<p>Unge med sosialhjelp.</p>"
        ),
        "utkast": chapter_for(Audience.BUYER, title="Utkast", body="<p>En gård i utkast.</p>", is_published=False),
        "deltaker": chapter_for(Audience.PARTICIPANT, title="Til deg", body="<p>På gården spiser vi lunsj.</p>"),
    }


def titles(text, audience=None):
    return {chapter.title for chapter in queries.search_chapters(text, audience)}


@pytest.mark.parametrize("word", ["gårdene", "gården", "gårder", "gård", "GÅRDENS"])
def test_inflected_forms_find_gard(chapters, word):
    assert "Om tilbudet" in titles(word)


def test_the_plural_definite_finds_the_singular_and_back(chapters):
    assert titles("hest") == {"Dyra"}
    assert titles("hønen") == {"Dyra"}
    assert titles("aktivitetsplikt") == {"Aktivitetsplikten"}


def test_every_word_must_match(chapters):
    assert titles("gårdene lunsj") == {"Til deg"}
    assert titles("gårdene hester") == set()


def test_results_are_filtered_by_audience_and_drafts_never_show(chapters):
    assert titles("gårdene", Audience.BUYER) == {"Om tilbudet"}
    assert titles("gårdene", Audience.PARTICIPANT) == {"Til deg"}
    assert "Utkast" not in titles("utkast")


def test_the_title_counts_most(chapters):
    chapter_for(Audience.BUYER, title="Sosialhjelp for unge", body="<p>Om plikter.</p>")
    results = queries.search_chapters("sosialhjelp")
    assert results[0].title == "Sosialhjelp for unge"


def test_nothing_but_punctuation_finds_nothing(chapters):
    assert queries.search_chapters("!!! ---") == []


def test_the_search_page_as_a_buyer(client, chapters):
    response = client.get(reverse("learning:handbooks"), {"q": "gårdene", "for": "kjoper"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Om tilbudet" in html
    assert "Til deg" not in html
    assert 'value="gårdene"' in html


def test_the_right_search_runs_on_this_database(chapters):
    chapter = chapters["gard"]
    chapter.refresh_from_db()
    if connection.vendor == "postgresql":
        assert "gård" in chapter.search_vector
    else:
        assert " gård " in chapter.search_stems
