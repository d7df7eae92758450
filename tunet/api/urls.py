from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import pages
from .views import docs, organisation, public

app_name = "api"

v1 = [
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", docs.ApiDocs.as_view(url_name="api:schema"), name="docs"),
    path("api/v1/farms/", public.FarmList.as_view(), name="farms"),
    path("api/v1/farms/<int:pk>/", public.FarmDetail.as_view(), name="farm"),
    path("api/v1/municipalities/", public.MunicipalityList.as_view(), name="municipalities"),
    path("api/v1/handbook/chapters/", public.ChapterList.as_view(), name="chapters"),
    path("api/v1/handbook/chapters/<slug:key>/", public.ChapterDetail.as_view(), name="chapter"),
    path("api/v1/requests/", organisation.RequestList.as_view(), name="requests"),
    path("api/v1/offers/", organisation.ProposalList.as_view(), name="offers"),
    path("api/v1/agreements/", organisation.AgreementList.as_view(), name="agreements"),
    path("api/v1/agreements/<int:pk>/", organisation.AgreementDetail.as_view(), name="agreement"),
    path(
        "api/v1/agreements/<int:pk>/invoice-bases/<str:month>/",
        organisation.InvoiceBasis.as_view(),
        name="invoice_basis",
    ),
    path("api/v1/placements/", organisation.PlacementList.as_view(), name="placements"),
    path(
        "api/v1/placements/<int:pk>/attendance/<str:month>/",
        organisation.AttendanceMonth.as_view(),
        name="attendance_month",
    ),
    path("api/v1/attendance/", organisation.AttendanceRecord.as_view(), name="attendance"),
]

urlpatterns = [
    *v1,
    path("virksomhet/<int:pk>/api-klienter/", pages.clients, name="clients"),
    path("virksomhet/<int:pk>/api-klienter/<int:client_pk>/trekk-tilbake/", pages.revoke, name="revoke"),
]
