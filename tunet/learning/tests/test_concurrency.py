"""A double click on «Check my answers» sends the first answers twice at the same moment; both
requests must succeed and leave one result (PostgreSQL, where the two really run side by side)."""

import threading

import pytest
from django.db import connection, connections

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.learning import actions
from tunet.learning.models import Answer, Certificate, LessonResult

from .factories import course, right_answers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL (CI)"),
]

AT_ONCE = 6


@pytest.mark.parametrize("questions", [3, 0])
def test_the_same_first_answers_sent_at_once_are_recorded_once(questions):
    school = course(lessons=1, questions=questions)
    lesson = school.lessons.get()
    user = member(Role.FARMER).user
    choices = right_answers(lesson)
    start = threading.Barrier(AT_ONCE)
    outcomes = [None] * AT_ONCE

    def answer(i):
        try:
            start.wait()
            actions.do_answer_quiz(user, lesson, choices)
            outcomes[i] = "ok"
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes[i] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == ["ok"] * AT_ONCE, outcomes
    result = LessonResult.objects.get(user=user, lesson=lesson)
    passed = questions > 0  # a quiz without questions cannot be passed
    assert (result.correct, result.total, result.passed, result.attempts) == (questions, questions, passed, AT_ONCE)
    assert Answer.objects.filter(user=user).count() == questions
    assert Certificate.objects.filter(user=user).count() == int(passed)
