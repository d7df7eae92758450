from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import notifications, queries


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


@login_required
@require_GET
def notification_list(request):
    """The person's own notifications; nobody else's can be asked for (they are chosen by user)."""
    return render(request, "core/notifications.html", {"notifications": notifications.for_user(request.user)})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notification read and go where it points."""
    notification = notifications.mark_read_and_get(request.user, pk)
    target = notification.url if notification else ""
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("core:notifications")
    return redirect(target)


@login_required
@require_POST
def notifications_read(request):
    notifications.mark_read(request.user)
    return redirect("core:notifications")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors: it must work when the database is down.
    return HttpResponseServerError(loader.get_template("500.html").render())
