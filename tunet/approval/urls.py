from django.urls import include, path

from . import views

app_name = "approval"
urlpatterns = [
    # Standards (the approval body)
    path("godkjenningsorgan/standarder/", views.standards, name="standards"),
    path("godkjenningsorgan/standarder/<slug:code>/", views.standard, name="standard"),
    path("godkjenningsorgan/standarder/<slug:code>/nytt-utkast/", views.draft_new, name="draft_new"),
    path(
        "godkjenningsorgan/standarder/<slug:code>/versjon/<int:number>/",
        include(
            [
                path("", views.standard_version, name="standard_version"),
                path("endringer/", views.version_notes, name="version_notes"),
                path("publiser/", views.version_publish, name="version_publish"),
                path("seksjon/ny/", views.section_edit, name="section_new"),
                path("seksjon/<int:pk>/", views.section_edit, name="section_edit"),
                path("seksjon/<int:pk>/slett/", views.section_delete, name="section_delete"),
                path("seksjon/<int:pk>/flytt/", views.move, {"kind": "seksjon"}, name="section_move"),
                path("krav/ny/", views.item_edit, name="item_new"),
                path("krav/<int:pk>/", views.item_edit, name="item_edit"),
                path("krav/<int:pk>/slett/", views.item_delete, name="item_delete"),
                path("krav/<int:pk>/flytt/", views.move, {"kind": "krav"}, name="item_move"),
            ]
        ),
    ),
    # Documents (the farm's vault)
    path("godkjenning/dokumenter/", views.documents, name="documents"),
    path("godkjenning/dokumenter/<int:pk>/fil/", views.document_file, name="document_file"),
    path("godkjenning/dokumenter/<int:pk>/slett/", views.document_delete, name="document_delete"),
    # The farm's approval page and self-audit
    # Revision (the auditor)
    # The approval body's overview
]
