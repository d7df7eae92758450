from django.contrib import admin

from .models import Approval


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ["farm", "status", "valid_until"]
    list_filter = ["status"]
    search_fields = ["farm__name"]
    autocomplete_fields = ["farm"]

    def get_readonly_fields(self, request, obj=None):
        # An approval belongs to its farm; moving it would leave the first farm listed (Farm.listed_until).
        return ["farm"] if obj is not None else []
