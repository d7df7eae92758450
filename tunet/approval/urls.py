app_name = "approval"
urlpatterns = [
    # Standards (the approval body)
    # Documents (the farm's vault)
    # The farm's approval page and self-audit
    # Revision (the auditor)
    # The approval body's overview
]
