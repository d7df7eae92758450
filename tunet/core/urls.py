from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.front, name="front"),
    path("om-dataene/", views.sources, name="sources"),
    path("postnummer/", views.postcode_lookup, name="postcode_lookup"),
]
