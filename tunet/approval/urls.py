from django.urls import include, path

from .views import documents, overview, revision, self_audit, standards

app_name = "approval"
urlpatterns = [
    # Standards (the approval body)
    path("godkjenningsorgan/standarder/", standards.standards, name="standards"),
    path("godkjenningsorgan/standarder/<slug:code>/", standards.standard, name="standard"),
    path("godkjenningsorgan/standarder/<slug:code>/nytt-utkast/", standards.draft_new, name="draft_new"),
    path(
        "godkjenningsorgan/standarder/<slug:code>/versjon/<int:number>/",
        include(
            [
                path("", standards.standard_version, name="standard_version"),
                path("endringer/", standards.version_notes, name="version_notes"),
                path("publiser/", standards.version_publish, name="version_publish"),
                path("seksjon/ny/", standards.section_edit, name="section_new"),
                path("seksjon/<int:pk>/", standards.section_edit, name="section_edit"),
                path("seksjon/<int:pk>/slett/", standards.section_delete, name="section_delete"),
                path("seksjon/<int:pk>/flytt/", standards.move, {"kind": "seksjon"}, name="section_move"),
                path("krav/ny/", standards.item_edit, name="item_new"),
                path("krav/<int:pk>/", standards.item_edit, name="item_edit"),
                path("krav/<int:pk>/slett/", standards.item_delete, name="item_delete"),
                path("krav/<int:pk>/flytt/", standards.move, {"kind": "krav"}, name="item_move"),
            ]
        ),
    ),
    # Documents (the farm's vault)
    path("godkjenning/dokumenter/", documents.documents, name="documents"),
    path("godkjenning/dokumenter/<int:pk>/fil/", documents.document_file, name="document_file"),
    path("godkjenning/dokumenter/<int:pk>/slett/", documents.document_delete, name="document_delete"),
    # The farm's approval page and self-audit
    path("godkjenning/", self_audit.farm, name="farm"),
    path("godkjenning/egenrevisjon/", self_audit.self_audit, name="self_audit"),
    path("godkjenning/egenrevisjon/start/", self_audit.self_audit_start, name="self_audit_start"),
    path("godkjenning/egenrevisjon/svar/<int:pk>/", self_audit.answer_save, name="answer_save"),
    path("godkjenning/egenrevisjon/svar/<int:pk>/bilde/", self_audit.answer_photo, name="answer_photo"),
    path("godkjenning/egenrevisjon/send/", self_audit.self_audit_submit, name="self_audit_submit"),
    path("godkjenning/avvik/<int:pk>/", self_audit.deviation, name="deviation"),
    # Revision (the auditor)
    path("revisjon/", revision.worklist, name="worklist"),
    path("revisjon/<int:pk>/", revision.revision, name="revision"),
    path("revisjon/<int:pk>/besok/", revision.revision_visit, name="revision_visit"),
    path("revisjon/<int:pk>/svar/<int:answer_pk>/", revision.revision_review, name="revision_review"),
    path("revisjon/<int:pk>/avvik/", revision.revision_deviation, name="revision_deviation"),
    path("revisjon/<int:pk>/avvik/<int:deviation_pk>/", revision.deviation_verify, name="deviation_verify"),
    path("revisjon/<int:pk>/godta/", revision.revision_accept, name="revision_accept"),
    path("revisjon/<int:pk>/rapport.pdf", revision.revision_report, name="revision_report"),
    # The approval body's overview
    path("godkjenningsorgan/", overview.overview, name="overview"),
    path("godkjenningsorgan/gard/<int:pk>/", overview.farm_file, name="farm_file"),
    path("godkjenningsorgan/gard/<int:pk>/revisor/", overview.assign, name="assign"),
    path("godkjenningsorgan/gard/<int:pk>/tilbakekall/", overview.revoke, name="revoke"),
]
