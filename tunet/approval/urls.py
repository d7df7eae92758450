from django.urls import path

from . import views

app_name = "approval"
urlpatterns = [
    # Standards (the approval body)
    # Documents (the farm's vault)
    path("godkjenning/dokumenter/", views.documents, name="documents"),
    path("godkjenning/dokumenter/<int:pk>/fil/", views.document_file, name="document_file"),
    path("godkjenning/dokumenter/<int:pk>/slett/", views.document_delete, name="document_delete"),
    # The farm's approval page and self-audit
    # Revision (the auditor)
    # The approval body's overview
]
