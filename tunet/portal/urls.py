from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    # The participant's and the relative's own pages.
    path("mine-sider/", views.home, name="home"),
    path("mine-sider/<int:pk>/", views.overview, name="overview"),
    path("mine-sider/<int:pk>/gardsdager/", views.farm_days, name="farm_days"),
    path("mine-sider/<int:pk>/jeg-kommer-ikke/", views.absence, name="absence"),
    path("mine-sider/<int:pk>/jeg-kommer-ikke/angre/", views.absence_take_back, name="absence_take_back"),
    path("mine-sider/<int:pk>/mal/", views.goals, name="goals"),
    path("mine-sider/<int:pk>/kontakt/", views.contact, name="contact"),
    path("mine-sider/<int:pk>/hvem-har-sett/", views.looks, name="looks"),
    path("mine-sider/<int:pk>/opplysninger/", views.records, name="records"),
    path("mine-sider/<int:pk>/meldinger/", views.messages, name="messages"),
    path("mine-sider/<int:pk>/hvordan-gar-det/", views.check_in, name="check_in"),
    path("invitasjon/<str:token>/", views.invitation, name="invitation"),
    # The case worker's and the farm's side.
    path("deltakere/<int:pk>/mine-sider/", views.manage, name="manage"),
    path("deltakere/<int:pk>/mine-sider/egen/", views.own_login, name="own_login"),
    path("deltakere/<int:pk>/mine-sider/parorende/", views.relative, name="relative"),
    path("deltakere/<int:pk>/mine-sider/<int:access_pk>/ny-lenke/", views.access_new_link, name="new_link"),
    path("deltakere/<int:pk>/mine-sider/<int:access_pk>/trekk-tilbake/", views.access_withdraw, name="withdraw"),
    path("deltakere/<int:pk>/mine-sider/plan/<int:placement_pk>/", views.plan, name="plan"),
    path("deltakere/<int:pk>/mine-sider/retting/<int:request_pk>/", views.correction_handled, name="correction"),
    path("plasser/<int:pk>/meldinger/", views.conversation, name="conversation"),
]
