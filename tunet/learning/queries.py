"""Reads for the handbook and the school, each with what its page needs in a fixed number of queries.

The *_for(membership, ...) functions fetch and check in one call: what the viewer may not read is not
there for them (404), as for everyone else.
"""

import difflib
import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from tunet.accounts import access
from tunet.accounts.models import Membership, Organisation, User

from . import search
from .models import (
    Answer,
    Audience,
    Certificate,
    Chapter,
    ChapterRevision,
    Course,
    Handbook,
    HandbookImage,
    Lesson,
    LessonResult,
    Question,
)

# Who is reading: a person logged in or not. The school shows the lessons to both.
Reader = User | AnonymousUser

SCHOOL = "inn-pa-tunet-skolen"


# --- The handbook -----------------------------------------------------------------------------


def handbooks(editor: bool) -> list[Handbook]:
    """The handbooks a reader sees (those with a published chapter; editors see all), with their counts."""
    published = Count("chapters", filter=Q(chapters__is_published=True))
    books = Handbook.objects.annotate(published_count=published, chapter_count=Count("chapters"))
    return list(books if editor else books.filter(published_count__gt=0))


def handbook_for(membership: Membership | None, slug: str) -> Handbook:
    """A handbook, for its editors; for readers only when it has a published chapter (else 404, whatever
    audience they ask for)."""
    handbook = get_object_or_404(Handbook, slug=slug)
    if not access.can_edit_handbook(membership) and not handbook.chapters.filter(is_published=True).exists():
        access.refuse(hidden=True)
    return handbook


def published_handbook(slug: str) -> tuple[Handbook, list[Chapter]]:
    """A handbook with every published chapter, for the print view and the PDF (404 with none)."""
    handbook = get_object_or_404(Handbook, slug=slug)
    return handbook, access.found(whole_handbook(handbook) or None)


def chapters_of(handbook: Handbook, editor: bool, audience: Audience | None = None) -> list[Chapter]:
    """A handbook's table of contents: published chapters (editors: all), for one audience if given."""
    chapters = Chapter.objects.filter(handbook=handbook).defer("body", "search_text", "search_stems", "search_vector")
    if not editor:
        chapters = chapters.filter(is_published=True)
    if audience:
        chapters = chapters.filter(Chapter.for_audience(audience))
    return list(chapters.order_by("sort_order", "pk"))


def search_chapters(text: str, audience: Audience | None = None, limit: int = 50) -> list[Chapter]:
    """Published chapters that match text (in any inflection), for one audience if given, best first."""
    chapters = Chapter.objects.filter(is_published=True).select_related("handbook").defer("body", "search_vector")
    if audience:
        chapters = chapters.filter(Chapter.for_audience(audience))
    return list(search.matching(chapters, text)[:limit])


def chapter_for(membership: Membership | None, key: str) -> Chapter:
    """A chapter with its handbook: a published one for anyone, a draft only for its editors (404 for
    everyone else)."""
    chapter = get_object_or_404(Chapter.objects.select_related("handbook"), key=key)
    access.require(access.can_read_chapter(membership, chapter), hidden=True)
    return chapter


def neighbours(chapter: Chapter, editor: bool) -> tuple[Chapter | None, Chapter | None]:
    """The chapters before and after this one in its handbook, as a reader moves through it."""
    toc = [c.pk for c in chapters_of(chapter.handbook, editor)]
    if chapter.pk not in toc:
        return None, None
    index = toc.index(chapter.pk)
    before = toc[index - 1] if index > 0 else None
    after = toc[index + 1] if index + 1 < len(toc) else None
    found = Chapter.objects.only("key", "title").in_bulk([pk for pk in (before, after) if pk])
    return found.get(before), found.get(after)


def published_title(key: str) -> str | None:
    """The title of the published chapter with this key, or None."""
    return Chapter.objects.filter(key=key, is_published=True).values_list("title", flat=True).first()


def whole_handbook(handbook: Handbook) -> list[Chapter]:
    """Every published chapter with its text, for the print view and the PDF."""
    return list(Chapter.objects.filter(handbook=handbook, is_published=True).order_by("sort_order", "pk"))


def revisions(chapter: Chapter) -> list[ChapterRevision]:
    return list(ChapterRevision.objects.filter(chapter=chapter).select_related("author", "restored_from"))


def revision(chapter: Chapter, number: int) -> ChapterRevision:
    return get_object_or_404(ChapterRevision.objects.select_related("author"), chapter=chapter, number=number)


_BLOCK = re.compile(r"(</(?:p|h[2-4]|li|blockquote|figure|figcaption|tr|table|ul|ol)>|<br>)")


def _lines(html: str) -> list[str]:
    return [line.strip() for line in _BLOCK.sub(r"\1\n", html).splitlines() if line.strip()]


def compare(older: ChapterRevision, newer: ChapterRevision) -> dict[str, Any]:
    """What changed from older to newer: the title, the audiences, and the text line by line.

    Each line is (kind, text) with kind "same", "removed" or "added"; the text is the stored HTML,
    which the template shows as source (escaped), the way the editor wrote it.
    """
    before, after = _lines(older.body), _lines(newer.body)
    lines: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [("same", line) for line in before[i1:i2]]
            continue
        lines += [("removed", line) for line in before[i1:i2]]
        lines += [("added", line) for line in after[j1:j2]]
    return {
        "title_changed": older.title != newer.title,
        "audiences_changed": sorted(older.audiences) != sorted(newer.audiences),
        "lines": lines,
        "changed": sum(kind != "same" for kind, _ in lines),
    }


def library_images(limit: int = 200) -> list[HandbookImage]:
    """The newest images of the handbook's library."""
    return list(HandbookImage.objects.all()[:limit])


# --- The IPT school ---------------------------------------------------------------------------


def school() -> Course:
    return get_object_or_404(Course, slug=SCHOOL)


def course_overview(course: Course, user: Reader) -> list[Lesson]:
    """The course's lessons, each with the person's result on it (or None), in two queries."""
    lessons: list[Any] = list(Lesson.objects.filter(course=course).annotate(question_count=Count("questions")))
    results: dict[int, LessonResult] = {}
    if user.is_authenticated:
        results = {r.lesson_id: r for r in LessonResult.objects.filter(user=user, lesson__course=course)}
    for lesson in lessons:
        lesson.result = results.get(lesson.pk)
    return lessons


def lesson_page(course: Course, slug: str) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("course").prefetch_related(
            Prefetch("questions", queryset=Question.objects.prefetch_related("options"), to_attr="question_list")
        ),
        course=course,
        slug=slug,
    )


def answers_of(user: Reader, lesson: Lesson) -> dict[int, int]:
    """{question id: option id} of the person's latest answers in the lesson."""
    if not user.is_authenticated:
        return {}
    return dict(Answer.objects.filter(user=user, question__lesson=lesson).values_list("question_id", "option_id"))


def result_of(user: Reader, lesson: Lesson) -> LessonResult | None:
    if not user.is_authenticated:
        return None
    return LessonResult.objects.filter(user=user, lesson=lesson).first()


def certificate_of(user: Reader, course: Course) -> Certificate | None:
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, course=course).select_related("course").first()


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).select_related("course").first()


def course_completions_for(organisation: Organisation, course_slug: str = SCHOOL) -> list[Certificate]:
    """The organisation's people who have completed the IPT school, oldest completion first.

    One query, whatever the number of people: a list of Certificate with `.user` loaded; each has
    `.full_name` (as on the certificate), `.issued_at` (the date it was completed) and `.code`
    (verifiable by anyone at learning:verify_code). For the farm's approval file.
    """
    members = Membership.objects.filter(organisation=organisation).values("user_id")
    return list(
        Certificate.objects.filter(user_id__in=members, course__slug=course_slug)
        .select_related("user", "course")
        .order_by("issued_at", "pk")
    )
