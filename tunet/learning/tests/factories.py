import factory
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.learning import queries
from tunet.learning.models import Chapter, Course, Handbook, Lesson, Option, Question


class HandbookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handbook

    slug = factory.Sequence(lambda n: f"handbok-{n}")
    title = factory.Sequence(lambda n: f"Håndbok {n}")


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    handbook = factory.SubFactory(HandbookFactory)
    key = factory.Sequence(lambda n: f"kapittel-{n}")
    title = factory.Sequence(lambda n: f"Kapittel {n}")
    body = "<p>Om arbeidet på en gård med dyr.</p>"
    for_buyers = True
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


def editor():
    """A membership allowed to edit the handbook: an approval officer in the approval body."""
    return member(Role.APPROVAL_OFFICER)


def chapter_for(*audiences, **fields):
    """A published chapter written for the audiences given."""
    flags = {name: audience in audiences for audience, name in Chapter.AUDIENCE_FIELDS.items()}
    return ChapterFactory(**flags, **fields)


def course(lessons=4, questions=4, pass_mark=75):
    """The IPT school with `lessons` lessons of `questions` questions, three options each, the first right."""
    school = Course.objects.create(slug=queries.SCHOOL, title="Inn på tunet-skolen", pass_mark=pass_mark)
    for n in range(1, lessons + 1):
        lesson = Lesson.objects.create(
            course=school, number=n, slug=f"leksjon-{n}", title=f"Leksjon {n}", body="<p>Tekst.</p>"
        )
        for q in range(1, questions + 1):
            question = Question.objects.create(lesson=lesson, number=q, text=f"Spørsmål {n}.{q}", explanation="Fordi.")
            Option.objects.bulk_create(
                Option(question=question, text=text, is_correct=i == 0, sort_order=i)
                for i, text in enumerate(["Riktig", "Galt", "Også galt"])
            )
    return school


def right_answers(lesson):
    return {q.pk: q.options.get(is_correct=True).pk for q in lesson.questions.all()}


def wrong_answers(lesson):
    return {q.pk: q.options.filter(is_correct=False).first().pk for q in lesson.questions.all()}
