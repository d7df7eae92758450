from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from . import queries


@require_GET
def front(request):
    return render(request, "core/front.html")


@require_GET
def sources(request):
    return render(request, "core/sources.html")


@require_GET
def postcode_lookup(request):
    """Fills in post town and municipality for a postcode; htmx swaps the answer in beside it."""
    code = request.GET.get("postal_code", "")
    return render(
        request,
        "core/_postcode_place.html",
        {"postal_code": queries.postal_code(code), "code": code.strip()},
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors: it must work when the database is down.
    return HttpResponseServerError(loader.get_template("500.html").render())
