"""The IPT school: answers, the pass mark, progress per person, one certificate however often
one completes, the certificate PDF and the public check that shows only name, course and date."""

import pytest
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.learning import actions
from tunet.learning.models import Answer, Certificate, LessonResult

from .factories import course, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return course(lessons=4, questions=4, pass_mark=75)


@pytest.fixture
def user():
    return member(Role.FARMER, email="ola@gard.test", full_name="Ola Nordmann").user


def mixed(lesson, right):
    """Answers with the first `right` questions right and the rest wrong."""
    good, bad = right_answers(lesson), wrong_answers(lesson)
    return {pk: good[pk] if i < right else bad[pk] for i, pk in enumerate(sorted(good))}


def test_the_pass_mark_decides(school, user):
    lesson = school.lessons.first()
    result, certificate = actions.do_answer_quiz(user, lesson, mixed(lesson, 2))
    assert (result.correct, result.total, result.passed, certificate) == (2, 4, False, None)
    result, _ = actions.do_answer_quiz(user, lesson, mixed(lesson, 3))  # 75 % is enough
    assert (result.correct, result.passed, result.attempts) == (3, True, 2)
    # Answering again replaces the answers, and a lesson once passed stays passed.
    result, _ = actions.do_answer_quiz(user, lesson, mixed(lesson, 0))
    assert (result.correct, result.passed) == (0, True)
    assert Answer.objects.filter(user=user).count() == 4
    assert LessonResult.objects.filter(user=user).count() == 1


def test_completing_every_lesson_gives_one_certificate_however_often(school, user):
    lessons = list(school.lessons.all())
    for lesson in lessons[:-1]:
        _, certificate = actions.do_answer_quiz(user, lesson, right_answers(lesson))
        assert certificate is None
    _, first = actions.do_answer_quiz(user, lessons[-1], right_answers(lessons[-1]))
    _, second = actions.do_answer_quiz(user, lessons[-1], right_answers(lessons[-1]))
    assert first is not None
    assert first == second
    assert Certificate.objects.filter(user=user).count() == 1
    assert first.full_name == "Ola Nordmann"
    assert first.code.startswith("IPT-")
    assert len(first.code) == 13


def test_progress_is_kept_per_person(school, user):
    other = member(Role.FARM_STAFF).user
    lesson = school.lessons.first()
    actions.do_answer_quiz(user, lesson, right_answers(lesson))
    assert LessonResult.objects.filter(user=other).count() == 0


def test_answering_through_the_page_shows_the_explanations(client, school, user):
    client.force_login(user)
    lesson = school.lessons.first()
    url = reverse("learning:lesson", args=[lesson.slug])
    before = client.get(url).content.decode()
    assert "Fordi." not in before
    response = client.post(url, {f"q{q}": o for q, o in right_answers(lesson).items()})
    assert response.status_code == 302
    after = client.get(url).content.decode()
    assert "Fordi." in after
    assert "Du svarte riktig på 4 av 4." in after


def test_a_missing_answer_is_explained_and_the_rest_is_kept(client, school, user):
    client.force_login(user)
    lesson = school.lessons.first()
    answers = right_answers(lesson)
    first, *rest = sorted(answers)
    response = client.post(reverse("learning:lesson", args=[lesson.slug]), {f"q{q}": answers[q] for q in rest})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Velg et svar." in html
    assert f'value="{answers[rest[0]]}" id="id_q{rest[0]}_0" checked' in html
    assert not LessonResult.objects.exists()


def test_the_certificate_pdf_and_the_public_check(client, school, user):
    for lesson in school.lessons.all():
        actions.do_answer_quiz(user, lesson, right_answers(lesson))
    certificate = Certificate.objects.get(user=user)
    client.force_login(user)
    assert client.get(reverse("learning:certificate")).status_code == 200
    pdf = client.get(reverse("learning:certificate_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    client.logout()

    # Typed in lower case, with spaces: the form reads it and goes to the code's own page.
    typed = client.get(reverse("learning:verify"), {"code": certificate.code.lower().replace("-", " ")})
    assert typed.status_code == 302
    assert typed["Location"] == reverse("learning:verify_code", args=[certificate.code])
    page = client.get(typed["Location"]).content.decode()
    assert "Ola Nordmann" in page
    assert "Inn på tunet-skolen" in page
    assert "ola@gard.test" not in page
    assert client.get(reverse("learning:verify_code", args=["IPT-AAAA-BBBB"])).status_code == 404
    wrong = client.get(reverse("learning:verify"), {"code": "123"})
    assert "åtte" in wrong.content.decode()


def test_the_certificate_page_sends_those_not_yet_done_back(client, school, user):
    client.force_login(user)
    assert client.get(reverse("learning:certificate")).status_code == 302
    assert client.get(reverse("learning:certificate_pdf")).status_code == 404
