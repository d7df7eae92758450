from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("inn-pa-tunet-i-tall/", views.public, name="public"),
    path("inn-pa-tunet-i-tall/<slug:key>.<str:fmt>", views.public_download, name="public_download"),
    path("statistikk/", views.overview, name="overview"),
    path("statistikk/<slug:key>.<str:fmt>", views.overview_download, name="overview_download"),
]
