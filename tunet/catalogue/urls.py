from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("finn-gard/", views.catalogue, name="catalogue"),
    path("finn-gard/kart.json", views.catalogue_map, name="catalogue_map"),
    path("gard/<int:pk>/", views.farm_detail, name="farm"),
    path("gard/<int:pk>/bilder/<int:photo_pk>/fil/", views.photo_file, name="photo_file"),
    path("min-gard/", views.my_farm, name="my_farm"),
    path("min-gard/ny/", views.farm_create, name="farm_create"),
    path("gard/<int:pk>/endre/", views.farm_edit, name="farm_edit"),
    path("gard/<int:pk>/tilbud/ny/", views.offer_edit, name="offer_new"),
    path("gard/<int:pk>/tilbud/<int:offer_pk>/endre/", views.offer_edit, name="offer_edit"),
    path("gard/<int:pk>/tilbud/<int:offer_pk>/slett/", views.offer_delete, name="offer_delete"),
    path("gard/<int:pk>/bilder/", views.photos, name="photos"),
    path("gard/<int:pk>/bilder/<int:photo_pk>/slett/", views.photo_delete, name="photo_delete"),
    path("gard/<int:pk>/historikk/", views.farm_history, name="history"),
]
