"""Permission matrix over every handbook and school view: anonymous, farmer, case worker,
approval officer, auditor (and the approval body's administrator, who is not an editor).
Only approval officers edit; drafts, history and restore are theirs alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.catalogue.tests.test_photos import png_bytes
from tunet.learning import actions
from tunet.learning.models import Certificate, Chapter, ChapterRevision, Handbook, HandbookImage

from .factories import chapter_for, course, right_answers

pytestmark = pytest.mark.django_db

ALLOWED, REFUSED, LOGIN, NOT_FOUND = 200, 403, 302, 404
ACTORS = ["anonymous", "farmer", "case_worker", "approval_officer", "auditor", "approval_admin"]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = member(Role.APPROVAL_OFFICER)
    published = chapter_for("buyer", key="publisert", title="Publisert")
    draft = chapter_for("provider", key="utkast", title="Utkast", handbook=published.handbook, is_published=False)
    for chapter in (published, draft):
        ChapterRevision.objects.create(
            chapter=chapter, number=1, title=chapter.title, body=chapter.body, audiences=["buyer"], author=officer.user
        )
    image = HandbookImage.objects.create(
        image=SimpleUploadedFile("a.png", png_bytes()),
        alt_text="Høner",
        uploaded_by=officer.user,
        content_type="image/png",
    )
    return {
        "handbook": published.handbook,
        "published": published,
        "draft": draft,
        "image": image,
        "actors": {
            "anonymous": None,
            "farmer": member(Role.FARMER).user,
            "case_worker": member(Role.CASE_WORKER).user,
            "approval_officer": officer.user,
            "auditor": member(Role.AUDITOR).user,
            "approval_admin": member(Role.ADMIN, officer.organisation).user,
        },
    }


def editor_views(world):
    slug, key = world["handbook"].slug, world["published"].key
    upload = {"image": SimpleUploadedFile("b.png", png_bytes()), "alt_text": "Kapret"}
    return [
        ("get", reverse("learning:handbook_new"), {}),
        ("post", reverse("learning:handbook_new"), {"title": "Kapret", "slug": "kapret"}),
        ("get", reverse("learning:handbook_edit", args=[slug]), {}),
        ("post", reverse("learning:handbook_edit", args=[slug]), {"title": "Kapret", "slug": slug}),
        ("get", reverse("learning:chapter_new", args=[slug]), {}),
        (
            "post",
            reverse("learning:chapter_new", args=[slug]),
            {"title": "Kapret", "key": "kapret", "audiences": ["buyer"], "body": "<p>x</p>"},
        ),
        ("get", reverse("learning:chapter_edit", args=[key]), {}),
        (
            "post",
            reverse("learning:chapter_edit", args=[key]),
            {"title": "Kapret", "audiences": ["buyer"], "body": "<p>Kapret</p>"},
        ),
        ("post", reverse("learning:chapter_publish", args=[key]), {"publish": "0"}),
        ("get", reverse("learning:chapter_history", args=[key]), {}),
        ("get", reverse("learning:chapter_compare", args=[key]) + "?fra=1&til=1", {}),
        ("get", reverse("learning:revision", args=[key, 1]), {}),
        ("post", reverse("learning:revision", args=[key, 1]), {}),
        ("get", reverse("learning:images"), {}),
        ("post", reverse("learning:images"), upload),
    ]


@pytest.mark.parametrize("actor", ACTORS)
def test_only_approval_officers_edit_the_handbook(client, world, actor):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    for method, url, data in editor_views(world):
        if actor == "approval_officer" and method == "post":
            continue  # the editor's own writes are tested in test_revisions and test_images
        response = getattr(client, method)(url, data)
        expected = {"anonymous": LOGIN, "approval_officer": ALLOWED}.get(actor, REFUSED)
        assert response.status_code == expected, (actor, method, url)
    published = Chapter.objects.get(pk=world["published"].pk)
    assert (published.title, published.is_published) == ("Publisert", True)
    assert not Handbook.objects.filter(slug="kapret").exists()
    assert not Chapter.objects.filter(key="kapret").exists()
    assert HandbookImage.objects.count() == 1


@pytest.mark.parametrize("actor", ACTORS)
def test_published_chapters_are_public_and_drafts_are_the_editors(client, world, actor):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    slug = world["handbook"].slug
    for url in (
        reverse("learning:handbooks"),
        reverse("learning:handbooks") + "?q=gård&for=kjoper",
        reverse("learning:handbook", args=[slug]),
        reverse("learning:chapter", args=[world["published"].key]),
        reverse("learning:handbook_print", args=[slug]),
        reverse("learning:image", args=[world["image"].pk]),
        reverse("learning:verify"),
    ):
        assert client.get(url).status_code == ALLOWED, (actor, url)
    draft = client.get(reverse("learning:chapter", args=[world["draft"].key]))
    assert draft.status_code == (ALLOWED if actor == "approval_officer" else NOT_FOUND)
    toc = client.get(reverse("learning:handbook", args=[slug])).content.decode()
    assert ("Utkast" in toc) == (actor == "approval_officer")
    unpublished = chapter_for("relative", key="bare-utkast", is_published=False).handbook
    for query in ("", "?for=parorende"):
        response = client.get(reverse("learning:handbook", args=[unpublished.slug]) + query)
        assert response.status_code == (ALLOWED if actor == "approval_officer" else NOT_FOUND)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_school_takes_logged_in_people_and_certificates_are_their_own(client, world, actor):
    school = course(lessons=1, questions=2)
    lesson = school.lessons.get()
    holder = member(Role.FARMER).user
    actions.do_answer_quiz(holder, lesson, right_answers(lesson))
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    assert client.get(reverse("learning:school")).status_code == ALLOWED
    assert client.get(reverse("learning:lesson", args=[lesson.slug])).status_code == ALLOWED
    response = client.post(
        reverse("learning:lesson", args=[lesson.slug]), {f"q{q}": o for q, o in right_answers(lesson).items()}
    )
    assert response.status_code == 302
    if actor == "anonymous":
        assert reverse("accounts:login") in response["Location"]
        assert Certificate.objects.count() == 1
    else:
        assert Certificate.objects.filter(user=user).exists()
    # Nobody but the holder downloads the holder's certificate: each person only ever gets their own.
    own = client.get(reverse("learning:certificate_pdf"))
    assert own.status_code == (LOGIN if actor == "anonymous" else ALLOWED)
    if actor != "anonymous":
        disposition = own["Content-Disposition"]
        assert Certificate.objects.get(user=user).code.lower() in disposition
        assert Certificate.objects.get(user=holder).code.lower() not in disposition
