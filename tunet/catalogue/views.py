from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tunet.accounts import access
from tunet.core import uploads
from tunet.core.rules import attempt, submitted

from . import actions, page_cache, queries, search
from .forms import FarmForm, OfferForm, PhotoForm
from .models import Farm, ServiceOffer

PAGE_SIZE = 20
MAP_POINTS_LIMIT = 2000


def _search_form(request):
    form = search.SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    return form, form.criteria()


@require_GET
def catalogue(request):
    partial = bool(request.htmx and request.htmx.target == "results")

    def render_content():
        form, criteria = _search_form(request)
        query = request.GET.copy()
        query.pop("side", None)
        context = {
            "form": form,
            "criteria": criteria,
            "page": search.find(criteria, request.GET.get("side"), PAGE_SIZE),
            "query": query.urlencode(),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        }
        # Rendered without the request: nothing personal may end up in what page_cache keeps.
        return render_to_string("catalogue/_results.html" if partial else "catalogue/_catalogue_body.html", context)

    content = page_cache.fragment(request, "results" if partial else "page", render_content)
    response = HttpResponse(content) if partial else render(request, "catalogue/catalogue.html", {"body": content})
    # The same address answers with the whole page or only the results: caches must keep both apart,
    # or the back button shows a bare list.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@require_GET
def catalogue_map(request):
    """The positions of every farm the search finds (up to a limit), for the map."""
    _form, criteria = _search_form(request)
    points = search.positions(criteria, MAP_POINTS_LIMIT)
    return JsonResponse({"farms": [{"id": pk, "name": name, "lat": lat, "lon": lon} for pk, name, lat, lon in points]})


@require_GET
def farm_detail(request, pk):
    membership = access.active_membership(request)
    farm = queries.farm_page_for(membership, pk)
    return render(
        request,
        "catalogue/farm_detail.html",
        {
            "farm": farm,
            "approval": queries.farm_approval(farm),
            "listed": farm.is_listed(),
            "can_edit": access.can_edit_farm(membership, farm),
        },
    )


@require_GET
def photo_file(request, pk, photo_pk):
    """A farm photo, through the same check as the farm page (never a bare public URL for an unlisted farm)."""
    photo = queries.photo_for(access.active_membership(request), pk, photo_pk)
    handle = photo.image.open("rb")
    # The type its bytes show, never a guess from the stored name (older photos kept the uploader's).
    response = FileResponse(handle, content_type=uploads.stored_image_type(handle))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@access.acting()
@require_GET
def my_farm(request, membership):
    """The provider's way in: its farm's page, or the form to create the profile."""
    farm = queries.farm_of(membership)
    if farm is not None:
        return redirect("catalogue:farm_edit", pk=farm.pk)
    access.require(access.can_create_farm(membership))
    return redirect("catalogue:farm_create")


@access.acting()
@require_http_methods(["GET", "POST"])
def farm_create(request, membership):
    access.require(access.can_create_farm(membership))
    if queries.farm_of(membership) is not None:
        return redirect("catalogue:my_farm")
    organisation = membership.organisation
    form = FarmForm(
        request.POST or None,
        initial={
            "name": organisation.name,
            "street_address": organisation.street_address,
            "postal_code": organisation.postal_code_id,
            "contact_name": request.user.full_name,
            "contact_phone": request.user.phone,
            "contact_email": request.user.email,
        },
    )
    if created := submitted(request, form, actions.do_create_farm, membership):
        messages.success(request, _("The farm profile is created. Now add what you offer."))
        return redirect("catalogue:offer_new", pk=created.result.pk)
    return render(request, "catalogue/farm_form.html", {"form": form, "farm": None})


@access.acting()
@require_http_methods(["GET", "POST"])
def farm_edit(request, membership, pk):
    farm = queries.editable_farm_for(membership, pk)
    form = FarmForm(request.POST or None, instance=farm)
    if submitted(request, form, actions.do_update_farm, membership, farm):
        messages.success(request, _("The farm profile is saved."))
        return redirect("catalogue:farm_edit", pk=farm.pk)
    return render(
        request,
        "catalogue/farm_form.html",
        {"form": form, "farm": farm, "offers": queries.all_offers(farm), "approval": queries.farm_approval(farm)},
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def offer_edit(request, membership, pk, offer_pk=None):
    farm = queries.editable_farm_for(membership, pk)
    offer = queries.offer_of(farm, offer_pk) if offer_pk else ServiceOffer(farm=farm)
    form = OfferForm(request.POST or None, instance=offer)
    if submitted(request, form, actions.do_save_offer, membership, farm, offer):
        messages.success(request, _("The offer is saved."))
        return redirect("catalogue:farm_edit", pk=farm.pk)
    return render(request, "catalogue/offer_form.html", {"form": form, "farm": farm, "offer": offer})


@access.acting()
@require_http_methods(["GET", "POST"])
def offer_delete(request, membership, pk, offer_pk):
    farm = queries.editable_farm_for(membership, pk)
    offer = queries.offer_of(farm, offer_pk)
    if request.method == "POST" and attempt(request, actions.do_delete_offer, membership, offer):
        messages.success(request, _("The offer «%(title)s» is deleted.") % {"title": offer.title})
        return redirect("catalogue:farm_edit", pk=farm.pk)
    return render(request, "catalogue/offer_delete.html", {"farm": farm, "offer": offer})


@access.acting()
@require_http_methods(["GET", "POST"])
def photos(request, membership, pk):
    farm = queries.editable_farm_for(membership, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if submitted(request, form, actions.do_add_photo, membership, farm):
        messages.success(request, _("The photo is added."))
        return redirect("catalogue:photos", pk=farm.pk)
    return render(
        request,
        "catalogue/photos.html",
        {"farm": farm, "form": form, "photos": list(farm.photos.all()), "photo_limit": settings.PHOTO_MAX_BYTES},
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def photo_delete(request, membership, pk, photo_pk):
    farm = queries.editable_farm_for(membership, pk)
    photo = queries.photo_of(farm, photo_pk)
    if request.method == "POST" and attempt(request, actions.do_delete_photo, membership, photo):
        messages.success(request, _("The photo is deleted."))
        return redirect("catalogue:photos", pk=farm.pk)
    return render(request, "catalogue/photo_delete.html", {"farm": farm, "photo": photo})


def _shown(value):
    """A value from the history as a person reads it: Ja/Nei, lists joined, nothing as a dash."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(value) or None
    return value


@access.acting()
@require_GET
def farm_history(request, membership, pk):
    farm = queries.editable_farm_for(membership, pk)
    labels = {
        field.name: field.verbose_name
        for model in (Farm, ServiceOffer)
        for field in model._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    changes = [
        (change, [(labels.get(name, name), *map(_shown, values)) for name, values in change.changes.items()])
        for change in queries.history(farm)[:200]
    ]
    return render(request, "catalogue/history.html", {"farm": farm, "changes": changes})
