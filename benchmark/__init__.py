"""`make bench`: the catalogue search on a synthetic national data set, against its floor and the admin.

Never part of production: tunet.urls does not route here, and the bench server is started with
DJANGO_SETTINGS_MODULE=benchmark.settings (which also selects benchmark.urls). See run.py.
"""
