from django.urls import path, register_converter

from . import views


class IsoDate:
    """A date in the address as yyyy-mm-dd (the day's page for another day than today)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value if isinstance(value, str) else value.isoformat()


register_converter(IsoDate, "isodate")

app_name = "daily"
urlpatterns = [
    # The farm day
    path("i-dag/", views.day, name="day"),
    path("i-dag/fravaer/", views.absence, name="absence"),
    path("i-dag/<isodate:day>/", views.day, name="day_on"),
    path("i-dag/<isodate:day>/oppmote/<int:pk>/", views.attendance, name="attendance"),
    path("i-dag/<isodate:day>/stengt/", views.close, name="close"),
    path("i-dag/<isodate:day>/apne/", views.reopen, name="reopen"),
    path("i-dag/<isodate:day>/notat/", views.day_note, name="day_note"),
    # Incidents
    path("hendelser/", views.incidents, name="incidents"),
    path("hendelser/ny/", views.incident_new, name="incident_new"),
    path("hendelser/<int:pk>/", views.incident, name="incident"),
    # Follow-up meetings
    path("innkjop/avtale/<int:pk>/moter/", views.meetings, name="meetings"),
    path("moter/<int:pk>/", views.meeting, name="meeting"),
    path("moter/<int:pk>/tiltak/<int:action_pk>/", views.meeting_action_done, name="meeting_action_done"),
    # The invoice basis
    path("innkjop/avtale/<int:pk>/fakturagrunnlag/", views.invoice_latest, name="invoice_latest"),
    path("innkjop/avtale/<int:pk>/fakturagrunnlag/<int:year>/<int:month>/", views.invoice, name="invoice"),
    path(
        "innkjop/avtale/<int:pk>/fakturagrunnlag/<int:year>/<int:month>/fakturagrunnlag.<str:fmt>",
        views.invoice_download,
        name="invoice_download",
    ),
    # The monthly attendance report per participant
    path("oppmote/<int:pk>/<int:year>/<int:month>/", views.attendance_report, name="attendance_report"),
    path("oppmote/<int:pk>/<int:year>/<int:month>/oppmote.pdf", views.attendance_report_pdf, name="attendance_pdf"),
]
