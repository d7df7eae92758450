"""Every change to the handbook and the school, each in one transaction with one permission check.

Handbook chapters keep every saved state as a ChapterRevision (who, when, what changed); the
school keeps each person's answers, results and certificate. Submitting the same thing twice
changes nothing the second time.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from tunet.accounts import access
from tunet.accounts.models import Membership, User

from .models import (
    Answer,
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


@transaction.atomic
def do_save_handbook(
    membership: Membership,
    handbook: Handbook | None,
    *,
    title: str,
    slug: str,
    summary: str,
    sort_order: int,
) -> Handbook:
    """Create a handbook (handbook None) or change one."""
    access.require(access.can_edit_handbook(membership))
    handbook = handbook if handbook is not None else Handbook()
    handbook.title, handbook.slug, handbook.summary, handbook.sort_order = title, slug, summary, sort_order
    handbook.save()
    return handbook


def _same_as(chapter: Chapter, revision: ChapterRevision | None) -> bool:
    return (
        revision is not None
        and revision.title == chapter.title
        and revision.body == chapter.body
        and revision.audiences == [str(a) for a in chapter.audiences]
    )


def _add_revision(
    chapter: Chapter, author: User, note: str = "", restored_from: ChapterRevision | None = None
) -> ChapterRevision | None:
    """A new revision with the chapter's current content, unless the latest one already has it."""
    latest = chapter.revisions.order_by("-number").first()
    if _same_as(chapter, latest):
        return None
    number = (chapter.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
    return ChapterRevision.objects.create(
        chapter=chapter,
        number=number,
        title=chapter.title,
        body=chapter.body,
        audiences=[str(a) for a in chapter.audiences],
        note=note[:200],
        author=author,
        restored_from=restored_from,
    )


@transaction.atomic
def do_save_chapter(
    membership: Membership,
    handbook: Handbook,
    chapter: Chapter | None,
    *,
    title: str,
    audiences: list[str],
    body: str,
    sort_order: int,
    key: str | None = None,
    note: str = "",
) -> Chapter:
    """Create a chapter (chapter None, with its key) or change one (its key stays); the saved state
    becomes its newest revision."""
    access.require(access.can_edit_handbook(membership))
    if chapter is not None and chapter.pk:
        # One save at a time per chapter, so that two editors never get the same revision number.
        Chapter.objects.select_for_update().filter(pk=chapter.pk).first()
    else:
        chapter = Chapter(key=key or "")  # the form asks a new chapter for its key
    chapter.handbook = handbook
    chapter.title, chapter.body, chapter.sort_order = title, body, sort_order
    chapter.audiences = audiences
    chapter.save()
    _add_revision(chapter, membership.user, note)
    return chapter


@transaction.atomic
def do_restore_revision(membership: Membership, revision: ChapterRevision) -> Chapter:
    """Put the chapter back exactly as it was in revision; that becomes a new revision on top."""
    access.require(access.can_edit_handbook(membership))
    chapter = Chapter.objects.select_for_update().get(pk=revision.chapter_id)
    chapter.title = revision.title
    chapter.body = revision.body
    chapter.audiences = revision.audiences
    chapter.save()
    _add_revision(chapter, membership.user, f"v{revision.number}", restored_from=revision)
    return chapter


@transaction.atomic
def do_set_published(membership: Membership, chapter: Chapter, published: bool) -> Chapter:
    access.require(access.can_edit_handbook(membership))
    chapter = Chapter.objects.select_for_update().get(pk=chapter.pk)
    if chapter.is_published == published:
        return chapter
    chapter.is_published = published
    if published:
        chapter.published_at = timezone.now()
    Chapter.objects.filter(pk=chapter.pk).update(is_published=published, published_at=chapter.published_at)
    return chapter


@transaction.atomic
def do_add_image(membership: Membership, *, image: UploadedFile, alt_text: str, content_type: str) -> HandbookImage:
    """Add an image to the library; content_type is what uploads.check_image() found the file to be."""
    access.require(access.can_edit_handbook(membership))
    added = HandbookImage(alt_text=alt_text, content_type=content_type, uploaded_by=membership.user)
    added.image = image  # assigned after creation, as a form does, so that width and height are read from it
    added.save()
    return added


# --- The IPT school ---------------------------------------------------------------------------


@transaction.atomic
def do_answer_quiz(user: User, lesson: Lesson, choices: dict[int, int]) -> tuple[LessonResult, Certificate | None]:
    """Record a person's answers to a lesson's quiz ({question id: option id}) and score them.

    Returns the LessonResult, and the certificate if this completed the course (else None).
    """
    access.require(access.can_take_course(user))
    # The person's result row, locked first: a double click sends the same answers twice at once,
    # and the second must wait and count as one more attempt, not fail on the unique result.
    result, _created = LessonResult.objects.get_or_create(
        user=user, lesson=lesson, defaults={"correct": 0, "total": 0, "attempts": 0}
    )
    result = LessonResult.objects.select_for_update().get(pk=result.pk)
    questions = list(Question.objects.filter(lesson=lesson).prefetch_related("options"))
    correct = 0
    now = timezone.now()
    for question in questions:
        options = {option.pk: option for option in question.options.all()}
        chosen = choices.get(question.pk)
        option = options.get(chosen) if chosen is not None else None
        if option is None:
            continue
        Answer.objects.update_or_create(user=user, question=question, defaults={"option": option, "answered_at": now})
        correct += option.is_correct
    passed = lesson.course.passes(correct, len(questions))
    result.correct, result.total, result.attempts = correct, len(questions), result.attempts + 1
    if passed and not result.passed:
        result.passed, result.passed_at = True, now
    result.save()
    return result, _certificate_if_complete(user, lesson.course)


def _certificate_if_complete(user: User, course: Course) -> Certificate | None:
    lesson_ids = set(course.lessons.values_list("pk", flat=True))
    passed = set(
        LessonResult.objects.filter(user=user, lesson__course=course, passed=True).values_list("lesson_id", flat=True)
    )
    if not lesson_ids or lesson_ids - passed:
        return None
    certificate = Certificate.objects.filter(user=user, course=course).first()
    if certificate is not None:
        return certificate
    try:
        # A savepoint, so that a second request completing at the same moment finds the first's certificate.
        with transaction.atomic():
            return Certificate.objects.create(user=user, course=course, full_name=user.full_name or user.email)
    except IntegrityError:
        return Certificate.objects.get(user=user, course=course)
