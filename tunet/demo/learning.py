"""Demo data for the handbook and the IPT school: the handbook «Psykisk helse og rus», the course,
and the Solbakken farmer's completed course (so the farm's approval file has a completion to show).

Loading twice changes nothing; chapters an editor has changed are left as they are.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from tunet.accounts.models import User
from tunet.demo.handbook import CHAPTERS, HANDBOOK
from tunet.demo.school import COURSE, LESSONS
from tunet.learning import actions
from tunet.learning.models import (
    Certificate,
    Chapter,
    ChapterRevision,
    Course,
    Handbook,
    Lesson,
    LessonResult,
    Option,
    Question,
)

EDITOR = "godkjenning@tunet.example"
COMPLETED = "gardbruker@tunet.example"
# A fixed code, so that the README can tell a visitor what to try on the verify page.
COMPLETED_CODE = "IPT-DEMO-2026"


@transaction.atomic
def load():
    editor = User.objects.get(email=EDITOR)
    handbook = load_handbook(editor)
    course = load_course()
    load_completion(course)
    return handbook, course


def load_handbook(editor):
    handbook, _ = Handbook.objects.get_or_create(slug=HANDBOOK["slug"], defaults=HANDBOOK)
    published_at = timezone.now()
    for order, (key, title, audiences, body) in enumerate(CHAPTERS, start=1):
        if Chapter.objects.filter(key=key).exists():
            continue
        chapter = Chapter(handbook=handbook, key=key, title=title, body=body, sort_order=order * 10)
        chapter.audiences = audiences
        chapter.is_published, chapter.published_at = True, published_at
        chapter.save()
        ChapterRevision.objects.create(
            chapter=chapter,
            number=1,
            title=chapter.title,
            body=chapter.body,
            audiences=[str(a) for a in chapter.audiences],
            note="Første utgave",
            author=editor,
        )
    return handbook


def load_course():
    course, created = Course.objects.get_or_create(slug=COURSE["slug"], defaults=COURSE)
    if not created:
        return course
    for data in LESSONS:
        lesson = Lesson.objects.create(
            course=course,
            **{key: value for key, value in data.items() if key != "questions"},
        )
        for number, (text, explanation, options) in enumerate(data["questions"], start=1):
            question = Question.objects.create(lesson=lesson, number=number, text=text, explanation=explanation)
            Option.objects.bulk_create(
                Option(question=question, text=option, is_correct=correct, sort_order=order)
                for order, (option, correct) in enumerate(options)
            )
    return course


def load_completion(course):
    user = User.objects.filter(email=COMPLETED).first()
    if user is None or Certificate.objects.filter(user=user, course=course).exists():
        return
    done = timezone.now() - datetime.timedelta(days=40)
    for lesson in course.lessons.prefetch_related("questions__options"):
        questions = list(lesson.questions.all())
        choices = {q.pk: next(o.pk for o in q.options.all() if o.is_correct) for q in questions}
        actions.do_answer_quiz(user, lesson, choices)
    LessonResult.objects.filter(user=user, lesson__course=course).update(passed_at=done, updated_at=done)
    Certificate.objects.filter(user=user, course=course).update(code=COMPLETED_CODE, issued_at=done)
