"""The handbook (handbooks, chapters, every saved revision, images) and the IPT school (a course
of lessons with quizzes, each person's answers, results and certificate)."""

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import richtext, search


class Audience(models.TextChoices):
    BUYER = "buyer", _("Buyers")
    PROVIDER = "provider", _("Providers")
    PARTICIPANT = "participant", _("Participants")
    RELATIVE = "relative", _("Relatives")


# The audience in a web address (?for=kjoper), in the words a Norwegian reader would type.
AUDIENCE_SLUGS = {
    "kjoper": Audience.BUYER,
    "tilbyder": Audience.PROVIDER,
    "deltaker": Audience.PARTICIPANT,
    "parorende": Audience.RELATIVE,
}

# Addresses under /handbok/ that a handbook's own slug may not take.
RESERVED_SLUGS = {"ny", "bilder", "kapittel", "sok", "k"}


class Handbook(models.Model):
    """A handbook the approval body keeps, such as «Psykisk helse og rus»."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences on whom it is for."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("handbook")
        verbose_name_plural = _("handbooks")
        constraints = [
            models.CheckConstraint(condition=~Q(slug__in=sorted(RESERVED_SLUGS)), name="handbook_slug_not_reserved"),
        ]

    def __str__(self):
        return self.title


class Chapter(models.Model):
    """One chapter: its current text, for whom it is written, and whether the public can read it.

    `key` is the stable address other pages link to ({% handbook_link "bli-godkjent" %}); it is
    set when the chapter is created and does not change.
    """

    handbook = models.ForeignKey(Handbook, on_delete=models.CASCADE, related_name="chapters")
    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    for_buyers = models.BooleanField(_("for buyers"), default=False)
    for_providers = models.BooleanField(_("for providers"), default=False)
    for_participants = models.BooleanField(_("for participants"), default=False)
    for_relatives = models.BooleanField(_("for relatives"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Derived from title and body on every save (see save()); never edited by hand.
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    title_stems = models.TextField(editable=False, default="")
    # Filled on PostgreSQL only (indexed with GIN by migration 0002); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["handbook", "sort_order", "pk"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [
            models.CheckConstraint(
                condition=Q(for_buyers=True) | Q(for_providers=True) | Q(for_participants=True) | Q(for_relatives=True),
                name="chapter_has_an_audience",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False), name="chapter_published_has_date"
            ),
        ]
        indexes = [models.Index(fields=["handbook", "is_published", "sort_order"], name="chapter_toc_idx")]

    AUDIENCE_FIELDS = {
        Audience.BUYER: "for_buyers",
        Audience.PROVIDER: "for_providers",
        Audience.PARTICIPANT: "for_participants",
        Audience.RELATIVE: "for_relatives",
    }

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = richtext.clean(self.body)
        self.search_text = richtext.plain_text(self.body)
        self.search_stems = search.stem_column(f"{self.title}\n{self.search_text}")
        self.title_stems = search.stem_column(self.title)
        super().save(*args, **kwargs)
        if search.uses_postgres():
            Chapter.objects.filter(pk=self.pk).update(search_vector=search.vector())

    @property
    def audiences(self):
        return [audience for audience, name in self.AUDIENCE_FIELDS.items() if getattr(self, name)]

    @audiences.setter
    def audiences(self, values):
        for audience, name in self.AUDIENCE_FIELDS.items():
            setattr(self, name, audience in values)

    @classmethod
    def for_audience(cls, audience):
        """The condition on a chapter query for chapters written for audience."""
        return Q(**{cls.AUDIENCE_FIELDS[Audience(audience)]: True})


class ChapterRevision(models.Model):
    """One saved state of a chapter. Every save adds one; restoring one adds a copy of it."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    audiences = models.JSONField(_("audiences"), default=list)
    note = models.CharField(_("what was changed"), max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    restored_from = models.ForeignKey(
        "self", verbose_name=_("restored from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["chapter", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "number"], name="revision_number_unique_per_chapter"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self):
        return f"{self.chapter} v{self.number}"

    def save(self, *args, **kwargs):
        self.body = richtext.clean(self.body)
        super().save(*args, **kwargs)

    def audience_labels(self):
        return [Audience(value).label for value in self.audiences if value in Audience.values]


def handbook_image_path(instance, filename):
    return f"handbook/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename[-60:]}"


class HandbookImage(models.Model):
    """An image in the handbook's library; chapters show it by its address, with its description."""

    image = models.ImageField(_("image"), upload_to=handbook_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    alt_text = models.CharField(
        _("description of the image"),
        max_length=250,
        help_text=_("What the image shows, for those who cannot see it. For example «Hens in the farmyard»."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("handbook image")
        verbose_name_plural = _("handbook images")
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="handbookimage_alt_text_required")]

    def __str__(self):
        return self.alt_text


# --- The IPT school ---------------------------------------------------------------------------


class Course(models.Model):
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (per cent correct)"), default=75, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="course_pass_mark_percent")
        ]

    def __str__(self):
        return self.title

    def passes(self, correct, total):
        return total > 0 and correct * 100 >= self.pass_mark * total


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("short name in the address"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    video_url = models.URLField(_("video"), blank=True)
    video_title = models.CharField(_("what the video shows"), max_length=200, blank=True)
    tasks = models.TextField(_("tasks"), blank=True)

    class Meta:
        ordering = ["course", "number"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="lesson_number_unique"),
            models.UniqueConstraint(fields=["course", "slug"], name="lesson_slug_unique"),
            models.CheckConstraint(condition=Q(video_url="") | ~Q(video_title=""), name="lesson_video_has_title"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        self.body = richtext.clean(self.body)
        self.tasks = richtext.clean(self.tasks)
        super().save(*args, **kwargs)


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("question"), max_length=300)
    explanation = models.TextField(_("explanation"), help_text=_("Shown after answering."))

    class Meta:
        ordering = ["lesson", "number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["lesson", "number"], name="question_number_unique")]

    def __str__(self):
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question", "sort_order", "pk"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            # One right answer per question: the quiz asks for one choice.
            models.UniqueConstraint(fields=["question"], condition=Q(is_correct=True), name="option_one_correct"),
        ]

    def __str__(self):
        return self.text


class Answer(models.Model):
    """A person's latest answer to one question; answering again replaces it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="answer_one_per_question")]

    def __str__(self):
        return f"{self.user} – {self.question}: {self.option}"


class LessonResult(models.Model):
    """A person's result on a lesson's quiz: the latest score, and whether it has ever been passed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_results")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="results")
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField(default=False)
    passed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lessonresult_one_per_lesson"),
            models.CheckConstraint(condition=Q(correct__lte=models.F("total")), name="lessonresult_correct_le_total"),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(passed_at__isnull=False), name="lessonresult_pass_date"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.lesson}: {self.correct}/{self.total}"


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I, so a code read aloud is typed right


def new_certificate_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"IPT-{raw[:4]}-{raw[4:]}"


class Certificate(models.Model):
    """Proof that a person completed the course. Anyone may check the code on the public verify page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_certificate_code)
    # The name as it was when the course was completed: the certificate says what it said then.
    full_name = models.CharField(_("name"), max_length=150)
    issued_at = models.DateTimeField(_("completed"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="certificate_one_per_course"),
            models.CheckConstraint(condition=Q(code__regex=r"^IPT-[A-Z0-9]{4}-[A-Z0-9]{4}$"), name="certificate_code"),
        ]

    def __str__(self):
        return f"{self.full_name}: {self.course} ({self.code})"
