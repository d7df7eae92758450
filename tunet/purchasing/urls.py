from django.urls import path

from . import views

app_name = "purchasing"
urlpatterns = [
    # Lists and the buyer guide
    path("innkjop/", views.overview, name="overview"),
    path("innkjop/veileder/", views.guide, name="guide"),
    # Requests and offers
    path("innkjop/foresporsel/ny/", views.request_new, name="request_new"),
    path("innkjop/foresporsel/<int:pk>/", views.request_detail, name="request"),
    path("innkjop/foresporsel/<int:pk>/inviter/<int:farm_pk>/", views.request_invite, name="request_invite"),
    path("innkjop/foresporsel/<int:pk>/avlys/", views.request_cancel, name="request_cancel"),
    path("innkjop/foresporsel/<int:pk>/tilbud/", views.proposal_submit, name="proposal_submit"),
    path("innkjop/foresporsel/<int:pk>/nei/", views.proposal_decline, name="proposal_decline"),
    path("innkjop/foresporsel/<int:pk>/tilbud/<int:proposal_pk>/godta/", views.proposal_accept, name="proposal_accept"),
    # Agreements
    path("innkjop/avtale/<int:pk>/", views.agreement, name="agreement"),
    path("innkjop/avtale/<int:pk>/endre/", views.agreement_edit, name="agreement_edit"),
    path("innkjop/avtale/<int:pk>/signer/", views.agreement_sign, name="agreement_sign"),
    path("innkjop/avtale/<int:pk>/ny-versjon/", views.agreement_new_version, name="agreement_new_version"),
    path("innkjop/avtale/<int:pk>/avlys/", views.agreement_cancel, name="agreement_cancel"),
    path("innkjop/avtale/<int:pk>/si-opp/", views.agreement_notice, name="agreement_notice"),
    path("innkjop/avtale/<int:pk>/versjon/<int:number>.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("innkjop/signering/", views.signing_rule, name="signing_rule"),
]
