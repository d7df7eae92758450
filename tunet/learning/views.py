from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.pdf import pdf_response
from tunet.core.rules import attempt, submitted

from . import actions, queries, richtext
from .forms import ChapterForm, HandbookForm, ImageForm, QuizForm, SearchForm, VerifyForm
from .models import AUDIENCE_SLUGS, Chapter, HandbookImage

# The handbook is public; its editors, in the approval body, also see drafts and change it.
editing = access.acting(access.can_edit_handbook)


def _editor(request):
    membership = access.active_membership(request)
    return membership, access.can_edit_handbook(membership)


# --- The handbook: reading --------------------------------------------------------------------


@require_GET
def handbook_home(request):
    """The handbooks, and a search across them for one audience."""
    _membership, editor = _editor(request)
    form = SearchForm(request.GET or None)
    text, audience = form.criteria()
    results = queries.search_chapters(text, audience) if text else None
    return render(
        request,
        "learning/handbook_home.html",
        {
            "form": form,
            "text": text,
            "audience": audience,
            "results": results,
            "handbooks": queries.handbooks(editor),
            "editor": editor,
        },
    )


@require_GET
def handbook_detail(request, slug):
    membership, editor = _editor(request)
    handbook = queries.handbook_for(membership, slug)
    audience = AUDIENCE_SLUGS.get(request.GET.get("for", ""))
    chapters = queries.chapters_of(handbook, editor, audience)
    return render(
        request,
        "learning/handbook_detail.html",
        {
            "handbook": handbook,
            "chapters": chapters,
            "audience": audience,
            "audiences": AUDIENCE_SLUGS,
            "editor": editor,
        },
    )


@require_GET
def chapter_detail(request, key):
    membership, editor = _editor(request)
    chapter = queries.chapter_for(membership, key)
    before, after = queries.neighbours(chapter, editor)
    return render(
        request,
        "learning/chapter_detail.html",
        {"chapter": chapter, "handbook": chapter.handbook, "before": before, "after": after, "editor": editor},
    )


@require_GET
def handbook_print(request, slug):
    handbook, chapters = queries.published_handbook(slug)
    return render(request, "learning/handbook_print.html", {"handbook": handbook, "chapters": chapters})


@require_GET
def handbook_pdf(request, slug):
    handbook, chapters = queries.published_handbook(slug)
    wanted = set().union(*(richtext.image_ids(chapter.body) for chapter in chapters))
    images = HandbookImage.objects.in_bulk(wanted) if wanted else {}
    for chapter in chapters:
        chapter.pdf_body = richtext.embed_images(chapter.body, images)
    return pdf_response("pdf/handbook.html", {"handbook": handbook, "chapters": chapters}, handbook.slug, request)


@require_GET
def image_file(request, pk):
    """A library image. Handbook images illustrate public text, so anyone may load them, but only through here."""
    image = get_object_or_404(HandbookImage, pk=pk)
    try:
        stream = image.image.open("rb")
    except FileNotFoundError:
        access.refuse(hidden=True)
    response = FileResponse(stream, content_type=image.content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- The handbook: editing --------------------------------------------------------------------


@editing
@require_http_methods(["GET", "POST"])
def handbook_edit(request, membership, slug=None):
    handbook = queries.handbook_for(membership, slug) if slug else None
    form = HandbookForm(request.POST or None, instance=handbook)
    if saved := submitted(request, form, actions.do_save_handbook, membership, handbook):
        messages.success(request, _("The handbook is saved."))
        return redirect("learning:handbook", slug=saved.result.slug)
    return render(request, "learning/handbook_form.html", {"form": form, "handbook": handbook})


@editing
@require_http_methods(["GET", "POST"])
def chapter_edit(request, membership, slug=None, key=None):
    if key:
        chapter = queries.chapter_for(membership, key)
        handbook = chapter.handbook
    else:
        handbook = queries.handbook_for(membership, slug)
        chapter = Chapter(handbook=handbook, sort_order=(handbook.chapters.count() + 1) * 10)
    form = ChapterForm(request.POST or None, instance=chapter)
    if saved := submitted(
        request, form, actions.do_save_chapter, membership, handbook, chapter if chapter.pk else None
    ):
        messages.success(request, _("The chapter is saved as a new version."))
        return redirect("learning:chapter", key=saved.result.key)
    return render(
        request,
        "learning/chapter_form.html",
        {"form": form, "chapter": chapter if chapter.pk else None, "handbook": handbook},
    )


@editing
@require_POST
def chapter_publish(request, membership, key):
    chapter = queries.chapter_for(membership, key)
    publish = request.POST.get("publish") == "1"
    if attempt(request, actions.do_set_published, membership, chapter, publish):
        messages.success(
            request, _("The chapter is published.") if publish else _("The chapter is no longer published.")
        )
    return redirect("learning:chapter", key=chapter.key)


@editing
@require_GET
def chapter_history(request, membership, key):
    chapter = queries.chapter_for(membership, key)
    return render(
        request,
        "learning/chapter_history.html",
        {"chapter": chapter, "handbook": chapter.handbook, "revisions": queries.revisions(chapter)},
    )


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@editing
@require_GET
def chapter_compare(request, membership, key):
    chapter = queries.chapter_for(membership, key)
    older_number, newer_number = _number(request.GET.get("fra")), _number(request.GET.get("til"))
    if older_number is None or newer_number is None:
        messages.warning(request, _("Choose two versions to compare."))
        return redirect("learning:chapter_history", key=key)
    if older_number > newer_number:
        older_number, newer_number = newer_number, older_number
    older = queries.revision(chapter, older_number)
    newer = queries.revision(chapter, newer_number)
    return render(
        request,
        "learning/chapter_compare.html",
        {
            "chapter": chapter,
            "handbook": chapter.handbook,
            "older": older,
            "newer": newer,
            "diff": queries.compare(older, newer),
        },
    )


@editing
@require_http_methods(["GET", "POST"])
def revision_restore(request, membership, key, number):
    chapter = queries.chapter_for(membership, key)
    revision = queries.revision(chapter, number)
    if request.method == "POST" and attempt(request, actions.do_restore_revision, membership, revision):
        messages.success(request, _("Version %(number)s is restored.") % {"number": number})
        return redirect("learning:chapter", key=key)
    return render(
        request, "learning/revision.html", {"chapter": chapter, "handbook": chapter.handbook, "revision": revision}
    )


@editing
@require_http_methods(["GET", "POST"])
def images(request, membership):
    form = ImageForm(request.POST or None, request.FILES or None)
    if submitted(request, form, actions.do_add_image, membership):
        messages.success(request, _("The image is added to the library."))
        return redirect("learning:images")
    return render(
        request,
        "learning/images.html",
        {"form": form, "images": queries.library_images(), "limit": settings.PHOTO_MAX_BYTES},
    )


# --- The IPT school ---------------------------------------------------------------------------


@require_GET
def school(request):
    course = queries.school()
    lessons = queries.course_overview(course, request.user)
    return render(
        request,
        "learning/school.html",
        {
            "course": course,
            "lessons": lessons,
            "passed": sum(1 for lesson in lessons if lesson.result and lesson.result.passed),
            "certificate": queries.certificate_of(request.user, course),
        },
    )


@require_http_methods(["GET", "POST"])
def lesson(request, slug):
    """A lesson: its text, video and tasks, and the quiz. After answering, each question shows its explanation."""
    course = queries.school()
    lesson = queries.lesson_page(course, slug)
    questions = lesson.question_list
    for question in questions:
        question.correct_ids = {option.pk for option in question.options.all() if option.is_correct}
    answers = queries.answers_of(request.user, lesson)
    if request.method == "POST":
        if not access.can_take_course(request.user):
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        form = QuizForm(questions, request.POST)
        if form.is_valid():
            _result, certificate = actions.do_answer_quiz(request.user, lesson, form.choices())
            if certificate is not None:
                messages.success(request, _("You have completed the IPT school. Your certificate is ready."))
            return redirect(reverse("learning:lesson", args=[slug]) + "#resultat")
    else:
        form = QuizForm(questions, initial={f"q{pk}": option for pk, option in answers.items()})
    lessons = list(course.lessons.only("number", "slug", "title"))
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    # Feedback for the stored answers, not for a form that came back with errors.
    feedback = {} if form.is_bound else answers
    return render(
        request,
        "learning/lesson.html",
        {
            "course": course,
            "lesson": lesson,
            "form": form,
            "rows": [(question, field, feedback.get(question.pk)) for question, field in form.rows()],
            "result": queries.result_of(request.user, lesson),
            "certificate": queries.certificate_of(request.user, course),
            "lessons": lessons,
            "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        },
    )


@login_required
@require_GET
def certificate(request):
    course = queries.school()
    certificate = queries.certificate_of(request.user, course)
    if certificate is None:
        messages.info(request, _("You get the certificate when you have passed the quiz in every lesson."))
        return redirect("learning:school")
    return render(
        request,
        "learning/certificate.html",
        {"certificate": certificate, "verify_url": _verify_url(certificate)},
    )


def _verify_url(certificate):
    return settings.SITE_URL.rstrip("/") + reverse("learning:verify_code", args=[certificate.code])


@login_required
@require_GET
def certificate_pdf(request):
    certificate = access.found(queries.certificate_of(request.user, queries.school()))
    access.require(access.can_download_certificate(request.user, certificate))
    return pdf_response(
        "pdf/certificate.html",
        {"certificate": certificate, "verify_url": _verify_url(certificate), "site_url": settings.SITE_URL},
        f"kursbevis-{certificate.code}",
        request,
    )


@require_GET
def verify(request):
    """The public check of a certificate: anyone types the code and sees name, course and date."""
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("learning:verify_code", code=form.cleaned_data["code"])
    return render(request, "learning/verify.html", {"form": form})


@require_GET
def verify_code(request, code):
    certificate = queries.certificate_by_code(code.upper())
    form = VerifyForm(initial={"code": code})
    return render(
        request,
        "learning/verify.html",
        {"form": form, "code": code, "certificate": certificate, "checked": True},
        status=200 if certificate else 404,
    )
