from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", views.LogoutView.as_view(), name="logout"),
    path("glemt-passord/", views.PasswordResetView.as_view(), name="password_reset"),
    path("glemt-passord/sendt/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("nytt-passord/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("nytt-passord/ferdig/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("min-profil/", views.profile, name="profile"),
    path("min-profil/passord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("start/", views.start, name="start"),
    path("bytt-virksomhet/", views.switch, name="switch"),
    path("virksomhet/<int:pk>/", views.organisation, name="organisation"),
    path("virksomhet/<int:pk>/endre/", views.organisation_edit, name="organisation_edit"),
    path("virksomhet/<int:pk>/personer/ny/", views.member_add, name="member_add"),
    path("virksomhet/<int:pk>/personer/<int:membership_pk>/fjern/", views.member_remove, name="member_remove"),
    path(
        "virksomhet/<int:pk>/invitasjoner/<int:invitation_pk>/trekk-tilbake/",
        views.member_invitation_withdraw,
        name="member_invitation_withdraw",
    ),
    path("bli-med/<str:token>/", views.join, name="join"),
]
