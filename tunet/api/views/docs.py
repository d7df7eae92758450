"""The browsable documentation: Swagger UI from our own static files (drf-spectacular-sidecar), its
settings in a script file of its own, so the page keeps the strict CSP (no inline script or style)."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocs(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    title = "Tunet API"
