from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tunet.core.urls")),
    path("", include("tunet.accounts.urls")),
    path("", include("tunet.catalogue.urls")),
    path("", include("tunet.approval.urls")),
    path("", include("tunet.learning.urls")),
    path("", include("tunet.purchasing.urls")),
    path("", include("tunet.daily.urls")),
    path("", include("tunet.care.urls")),
    path("", include("tunet.portal.urls")),
    path("", include("tunet.insights.urls")),
    path("", include("tunet.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "tunet.core.views.permission_denied"
handler404 = "tunet.core.views.page_not_found"
handler500 = "tunet.core.views.server_error"
