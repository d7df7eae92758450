from django.contrib import admin

from .models import Activity, Animal, Farm, FarmChange, FarmPhoto, Language, OfferDay, ServiceOffer, TargetGroup


@admin.register(TargetGroup, Animal, Language)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name", "code"]


@admin.register(Activity)
class ActivityAdmin(ReferenceAdmin):
    list_display = ["name", "code", "season", "sort_order"]
    list_filter = ["season"]


class OfferDayInline(admin.TabularInline):
    model = OfferDay
    extra = 0


@admin.register(ServiceOffer)
class ServiceOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "farm", "service_area", "is_active"]
    list_filter = ["service_area", "is_active", "target_groups"]
    search_fields = ["title", "farm__name"]
    autocomplete_fields = ["farm"]
    inlines = [OfferDayInline]


class FarmPhotoInline(admin.TabularInline):
    model = FarmPhoto
    extra = 0


@admin.register(Farm)
class FarmAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "transport_offered", "updated_at"]
    list_filter = [
        "municipality__county",
        "transport_offered",
        "animals",
        "offers__target_groups",
        "offers__days__weekday",
    ]
    search_fields = ["name", "provider__name", "municipality__name"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["provider", "municipality", "postal_code"]
    inlines = [FarmPhotoInline]


@admin.register(FarmChange)
class FarmChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "farm", "actor", "summary"]
    list_select_related = ["farm", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
