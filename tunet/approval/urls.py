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
    path("godkjenning/", views.farm, name="farm"),
    path("godkjenning/egenrevisjon/", views.self_audit, name="self_audit"),
    path("godkjenning/egenrevisjon/start/", views.self_audit_start, name="self_audit_start"),
    path("godkjenning/egenrevisjon/svar/<int:pk>/", views.answer_save, name="answer_save"),
    path("godkjenning/egenrevisjon/svar/<int:pk>/bilde/", views.answer_photo, name="answer_photo"),
    path("godkjenning/egenrevisjon/send/", views.self_audit_submit, name="self_audit_submit"),
    path("godkjenning/avvik/<int:pk>/", views.deviation, name="deviation"),
    # Revision (the auditor)
    path("revisjon/", views.worklist, name="worklist"),
    path("revisjon/<int:pk>/", views.revision, name="revision"),
    path("revisjon/<int:pk>/besok/", views.revision_visit, name="revision_visit"),
    path("revisjon/<int:pk>/svar/<int:answer_pk>/", views.revision_review, name="revision_review"),
    path("revisjon/<int:pk>/avvik/", views.revision_deviation, name="revision_deviation"),
    path("revisjon/<int:pk>/avvik/<int:deviation_pk>/", views.deviation_verify, name="deviation_verify"),
    path("revisjon/<int:pk>/godta/", views.revision_accept, name="revision_accept"),
    path("revisjon/<int:pk>/rapport.pdf", views.revision_report, name="revision_report"),
    # The approval body's overview
    path("godkjenningsorgan/", views.overview, name="overview"),
    path("godkjenningsorgan/gard/<int:pk>/", views.farm_file, name="farm_file"),
    path("godkjenningsorgan/gard/<int:pk>/revisor/", views.assign, name="assign"),
    path("godkjenningsorgan/gard/<int:pk>/tilbakekall/", views.revoke, name="revoke"),
]
