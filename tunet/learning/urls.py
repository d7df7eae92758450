from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("handbok/", views.handbook_home, name="handbooks"),
    path("handbok/ny/", views.handbook_edit, name="handbook_new"),
    path("handbok/bilder/", views.images, name="images"),
    path("handbok/bilder/<int:pk>/", views.image_file, name="image"),
    path("handbok/kapittel/<slug:key>/", views.chapter_detail, name="chapter"),
    path("handbok/kapittel/<slug:key>/endre/", views.chapter_edit, name="chapter_edit"),
    path("handbok/kapittel/<slug:key>/publisering/", views.chapter_publish, name="chapter_publish"),
    path("handbok/kapittel/<slug:key>/historikk/", views.chapter_history, name="chapter_history"),
    path("handbok/kapittel/<slug:key>/sammenlign/", views.chapter_compare, name="chapter_compare"),
    path("handbok/kapittel/<slug:key>/versjon/<int:number>/", views.revision_restore, name="revision"),
    path("handbok/<slug:slug>/", views.handbook_detail, name="handbook"),
    path("handbok/<slug:slug>/endre/", views.handbook_edit, name="handbook_edit"),
    path("handbok/<slug:slug>/nytt-kapittel/", views.chapter_edit, name="chapter_new"),
    path("handbok/<slug:slug>/utskrift/", views.handbook_print, name="handbook_print"),
    path("handbok/<slug:slug>/pdf/", views.handbook_pdf, name="handbook_pdf"),
    path("skolen/", views.school, name="school"),
    path("skolen/kursbevis/", views.certificate, name="certificate"),
    path("skolen/kursbevis/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("skolen/sjekk-kursbevis/", views.verify, name="verify"),
    path("skolen/sjekk-kursbevis/<str:code>/", views.verify_code, name="verify_code"),
    path("skolen/<slug:slug>/", views.lesson, name="lesson"),
]
