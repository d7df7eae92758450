"""Every save is a revision; revisions compare and restore exactly; publishing decides who reads."""

import pytest
from django.urls import reverse

from tunet.learning import actions, queries
from tunet.learning.forms import ChapterForm
from tunet.learning.models import Audience, Chapter, ChapterRevision

from .factories import HandbookFactory, editor

pytestmark = pytest.mark.django_db


def save(membership, handbook, chapter=None, **data):
    fields = {"title": "Slik blir gården godkjent", "audiences": ["provider"], "body": "<p>Første tekst.</p>"}
    fields |= {"sort_order": 10, "key": "bli-godkjent"} | data
    form = ChapterForm(fields, instance=chapter or Chapter(handbook=handbook))
    assert form.is_valid(), form.errors
    return actions.do_save_chapter(membership, handbook, chapter, **form.cleaned_data)


@pytest.fixture
def membership():
    return editor()


def test_every_save_is_a_numbered_revision_and_an_unchanged_save_adds_none(membership):
    handbook = HandbookFactory()
    chapter = save(membership, handbook)
    save(membership, handbook, chapter, body="<p>Andre tekst.</p>", note="Ny tekst")
    save(membership, handbook, chapter, body="<p>Andre tekst.</p>")  # a double submit
    revisions = list(chapter.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[1].note == "Ny tekst"
    assert revisions[1].author == membership.user
    assert not chapter.is_published


def test_restoring_brings_back_title_audiences_and_text_exactly(membership):
    handbook = HandbookFactory()
    body = (
        "<h2>Steg</h2><ol><li>Meld deg</li><li>Gjør <strong>egenrevisjonen</strong></li></ol>"
        '<p>Se <a href="/handbok/kapittel/revisjon/">revisjon</a> &amp; «avvik».</p>'
    )
    chapter = save(membership, handbook, title="Første tittel", audiences=["provider", "buyer"], body=body)
    first = chapter.revisions.get()
    stored_body = Chapter.objects.get(pk=chapter.pk).body
    save(membership, handbook, chapter, title="Annen tittel", audiences=["relative"], body="<p>Helt annet.</p>")

    actions.do_restore_revision(membership, first)

    chapter = Chapter.objects.get(pk=chapter.pk)
    assert chapter.title == "Første tittel"
    assert chapter.body == stored_body == first.body
    assert sorted(chapter.audiences) == sorted([Audience.PROVIDER, Audience.BUYER])
    latest = chapter.revisions.order_by("-number").first()
    assert latest.number == 3
    assert latest.restored_from == first
    assert (latest.title, latest.body, sorted(latest.audiences)) == (first.title, first.body, sorted(first.audiences))
    # Restoring the same version again is harmless.
    actions.do_restore_revision(membership, first)
    assert chapter.revisions.count() == 3


def test_compare_shows_what_was_removed_and_added(membership):
    handbook = HandbookFactory()
    chapter = save(membership, handbook, body="<p>Dyr er viktig.</p><p>Kaffe klokka ni.</p>")
    save(membership, handbook, chapter, title="Ny tittel", body="<p>Dyr er viktig.</p><p>Kaffe klokka ti.</p>")
    older, newer = ChapterRevision.objects.filter(chapter=chapter).order_by("number")
    diff = queries.compare(older, newer)
    assert diff["title_changed"]
    assert not diff["audiences_changed"]
    assert ("same", "<p>Dyr er viktig.</p>") in diff["lines"]
    assert ("removed", "<p>Kaffe klokka ni.</p>") in diff["lines"]
    assert ("added", "<p>Kaffe klokka ti.</p>") in diff["lines"]
    assert diff["changed"] == 2


def test_the_history_compare_and_restore_pages(client, membership):
    handbook = HandbookFactory()
    chapter = save(membership, handbook, body="<p>Gammel tekst.</p>")
    save(membership, handbook, chapter, body="<p>Ny tekst.</p>")
    client.force_login(membership.user)
    history = client.get(reverse("learning:chapter_history", args=[chapter.key]))
    assert history.status_code == 200
    compare = client.get(reverse("learning:chapter_compare", args=[chapter.key]), {"fra": 2, "til": 1})
    html = compare.content.decode()
    assert "&lt;p&gt;Gammel tekst.&lt;/p&gt;" in html
    assert "&lt;p&gt;Ny tekst.&lt;/p&gt;" in html
    assert client.get(reverse("learning:chapter_compare", args=[chapter.key])).status_code == 302
    response = client.post(reverse("learning:revision", args=[chapter.key, 1]))
    assert response.status_code == 302
    assert Chapter.objects.get(pk=chapter.pk).body == "<p>Gammel tekst.</p>"


def test_publish_and_unpublish_decide_who_can_read(client, membership):
    handbook = HandbookFactory()
    chapter = save(membership, handbook)
    url = reverse("learning:chapter", args=[chapter.key])
    assert client.get(url).status_code == 404
    actions.do_set_published(membership, chapter, True)
    published_at = Chapter.objects.get(pk=chapter.pk).published_at
    actions.do_set_published(membership, chapter, True)  # twice changes nothing
    assert Chapter.objects.get(pk=chapter.pk).published_at == published_at
    assert client.get(url).status_code == 200
    actions.do_set_published(membership, chapter, False)
    assert client.get(url).status_code == 404


def test_the_editor_form_keeps_what_was_typed_and_explains_in_norwegian(client, membership):
    handbook = HandbookFactory()
    client.force_login(membership.user)
    response = client.post(
        reverse("learning:chapter_new", args=[handbook.slug]),
        {"title": "Utkast", "key": "utkast", "body": '<p>Tekst</p><img src="/handbok/bilder/999/" alt="">'},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Utkast"' in html
    assert "Velg minst én målgruppe." in html
    assert "beskrivelse" in html  # the image without alt text
    assert not Chapter.objects.exists()


def test_a_new_chapter_key_must_be_unused(client, membership):
    handbook = HandbookFactory()
    save(membership, handbook)
    client.force_login(membership.user)
    response = client.post(
        reverse("learning:chapter_new", args=[handbook.slug]),
        {"title": "Igjen", "key": "bli-godkjent", "audiences": ["buyer"], "body": "<p>x</p>", "sort_order": 1},
    )
    assert response.status_code == 200
    assert Chapter.objects.count() == 1
