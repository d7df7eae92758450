from django.contrib import admin

from .models import Approval


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ["farm", "status", "valid_until"]
    list_filter = ["status"]
    search_fields = ["farm__name"]
    autocomplete_fields = ["farm"]
