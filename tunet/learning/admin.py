from django.contrib import admin

from .models import Certificate, Chapter, ChapterRevision, Course, Handbook, HandbookImage, Lesson, Option, Question


@admin.register(Handbook)
class HandbookAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "sort_order"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "handbook", "is_published", "updated_at"]
    list_filter = ["handbook", "is_published", "for_buyers", "for_providers", "for_participants", "for_relatives"]
    search_fields = ["title", "key"]


@admin.register(ChapterRevision)
class ChapterRevisionAdmin(admin.ModelAdmin):
    list_display = ["chapter", "number", "author", "created_at"]
    list_select_related = ["chapter", "author"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(HandbookImage)
class HandbookImageAdmin(admin.ModelAdmin):
    list_display = ["alt_text", "uploaded_by", "uploaded_at"]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "lesson", "number"]
    inlines = [OptionInline]


@admin.register(Course, Lesson)
class SchoolAdmin(admin.ModelAdmin):
    pass


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["full_name", "course", "code", "issued_at"]
    search_fields = ["full_name", "code"]
    readonly_fields = ["code"]
