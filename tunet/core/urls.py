from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.front, name="front"),
    path("om-dataene/", views.sources, name="sources"),
    path("postnummer/", views.postcode_lookup, name="postcode_lookup"),
    path("varsler/", views.notification_list, name="notifications"),
    path("varsler/<int:pk>/", views.notification_open, name="notification_open"),
    path("varsler/lest/", views.notifications_read, name="notifications_read"),
]
