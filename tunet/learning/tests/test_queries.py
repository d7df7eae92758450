"""List pages (search, contents, print view, history, image library, the course) run the same number
of queries for few and many rows; the approval file's completions come in one query."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.catalogue.tests.test_photos import png_bytes
from tunet.learning import actions, queries
from tunet.learning.models import Audience, HandbookImage

from .factories import HandbookFactory, chapter_for, course, right_answers

pytestmark = pytest.mark.django_db


def make_chapters(count, start=0):
    handbooks = [HandbookFactory() for _ in range(max(1, count // 5))]
    for n in range(start, start + count):
        chapter_for(
            Audience.BUYER if n % 2 else Audience.PROVIDER,
            handbook=handbooks[n % len(handbooks)],
            key=f"k-{n}",
            title=f"Gårdene nummer {n}",
            body=f"<p>Om gården {n} og dyrene der.</p>",
        )
    return handbooks


def count(client, url, params=None):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "gårdene"}, {"q": "gård dyr", "for": "kjoper"}])
@pytest.mark.parametrize("actor", [None, Role.APPROVAL_OFFICER])
def test_handbook_home_and_search(client, params, actor):
    if actor:
        client.force_login(member(actor).user)
    make_chapters(5)
    small = count(client, reverse("learning:handbooks"), params)
    make_chapters(45, start=5)
    large = count(client, reverse("learning:handbooks"), params)
    assert small == large
    assert large <= 6


def test_handbook_table_of_contents(client):
    handbook = make_chapters(5)[0]
    small = count(client, reverse("learning:handbook", args=[handbook.slug]))
    for n in range(40):
        chapter_for(Audience.BUYER, handbook=handbook, key=f"ekstra-{n}")
    large = count(client, reverse("learning:handbook", args=[handbook.slug]))
    assert small == large
    assert large <= 3


def test_course_overview(client):
    school = course(lessons=2, questions=2)
    user = member(Role.FARMER).user
    client.force_login(user)
    small = count(client, reverse("learning:school"))
    for n in range(3, 13):
        lesson = school.lessons.create(number=n, slug=f"ekstra-{n}", title=f"Ekstra {n}", body="<p>x</p>")
        question = lesson.questions.create(number=1, text="Hva?", explanation="Fordi.")
        question.options.create(text="Riktig", is_correct=True)
        actions.do_answer_quiz(user, lesson, right_answers(lesson))
    large = count(client, reverse("learning:school"))
    assert small == large
    assert large <= 8


def test_course_completions_for_an_organisation(django_assert_num_queries):
    school = course(lessons=1, questions=1)
    lesson = school.lessons.get()
    farm = OrganisationFactory()
    done = [member(Role.FARMER, farm, full_name="Ola"), member(Role.FARM_STAFF, farm, full_name="Kari")]
    member(Role.FARM_STAFF, farm)  # has not taken the course
    outsider = member(Role.FARMER)
    for membership in [*done, outsider]:
        actions.do_answer_quiz(membership.user, lesson, right_answers(lesson))
    # A second role in the same farm must not list the person twice.
    done[0].user.memberships.create(organisation=farm, role=Role.ADMIN)

    with django_assert_num_queries(1):
        completions = queries.course_completions_for(farm)
        names = [(c.user.full_name, c.full_name, c.code[:4], c.issued_at is not None) for c in completions]
    assert names == [("Ola", "Ola", "IPT-", True), ("Kari", "Kari", "IPT-", True)]
    nobody = OrganisationFactory()
    with django_assert_num_queries(1):
        assert queries.course_completions_for(nobody) == []


def test_chapter_history(client):
    membership = member(Role.APPROVAL_OFFICER)
    chapter = chapter_for(Audience.BUYER, key="historikk")
    other = member(Role.APPROVAL_OFFICER).user

    def add_revisions(numbers):
        for n in numbers:
            chapter.revisions.create(number=n, title=f"T{n}", body=f"<p>{n}</p>", audiences=["buyer"], author=other)
            if n > 1:
                # Restored revisions show the number they came from: one more relation per row.
                chapter.revisions.filter(number=n).update(restored_from=chapter.revisions.get(number=1))

    client.force_login(membership.user)
    add_revisions(range(1, 3))
    small = count(client, reverse("learning:chapter_history", args=[chapter.key]))
    add_revisions(range(3, 30))
    large = count(client, reverse("learning:chapter_history", args=[chapter.key]))
    assert small == large


def test_handbook_print_view(client):
    handbook = make_chapters(5)[0]
    small = count(client, reverse("learning:handbook_print", args=[handbook.slug]))
    for n in range(30):
        chapter_for(Audience.RELATIVE, handbook=handbook, key=f"utskrift-{n}")
    large = count(client, reverse("learning:handbook_print", args=[handbook.slug]))
    assert small == large


def test_image_library(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    membership = member(Role.APPROVAL_OFFICER)
    client.force_login(membership.user)

    def add_images(number):
        for n in range(number):
            HandbookImage.objects.create(
                image=SimpleUploadedFile(f"{n}.png", png_bytes()),
                alt_text=f"Bilde {n}",
                uploaded_by=membership.user,
                content_type="image/png",
            )

    add_images(2)
    small = count(client, reverse("learning:images"))
    add_images(20)
    large = count(client, reverse("learning:images"))
    assert small == large
