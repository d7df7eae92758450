from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("deltakere/", views.participants, name="participants"),
    path("deltakere/ny/", views.participant_new, name="participant_new"),
    path("deltakere/<int:pk>/", views.participant, name="participant"),
    path("deltakere/<int:pk>/endre/", views.participant_edit, name="participant_edit"),
    path("deltakere/<int:pk>/skjerming/", views.participant_named, name="participant_named"),
    path("deltakere/<int:pk>/henvis/", views.participant_refer, name="participant_refer"),
    path("deltakere/<int:pk>/risikovurdering/", views.risk_assessment, name="risk"),
    path("deltakere/<int:pk>/innsyn/", views.access_log, name="access_log"),
    path("plasser/<int:pk>/", views.placement, name="placement"),
    path("plasser/<int:pk>/godta/", views.placement_accept, name="placement_accept"),
    path("plasser/<int:pk>/avsla/", views.placement_decline, name="placement_decline"),
    path("plasser/<int:pk>/avslutt/", views.placement_end, name="placement_end"),
    path("plasser/<int:pk>/endring/", views.change_propose, name="change_propose"),
    path("plasser/<int:pk>/endring/<int:change_pk>/", views.change_decide, name="change_decide"),
    path("plasser/<int:pk>/mal/", views.goal_add, name="goal_add"),
    path("plasser/<int:pk>/mal/<int:goal_pk>/", views.goal_note, name="goal_note"),
]
