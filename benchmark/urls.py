"""The bench server's URLs: the whole app, plus the floor view. Production never routes here."""

from django.urls import path

from tunet.urls import handler403, handler404, handler500
from tunet.urls import urlpatterns as tunet_urlpatterns

from .floor import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *tunet_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
