"""«Inn på tunet i tall»: the figures of the viewer's region, the country or the buyer's own purchases,
and the public page anyone can read. Each table also as a chart, a CSV and an XLSX file."""

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from tunet.accounts import access
from tunet.core.exports import csv_response, xlsx_response

from . import figures
from .charts import bar_chart
from .forms import FilterForm

PUBLIC_SECONDS = 24 * 60 * 60


def _with_charts(tables):
    return [(table, bar_chart(table)) for table in tables]


def _download(table, fmt, name):
    access.require(fmt in ("csv", "xlsx"), hidden=True)
    if fmt == "csv":
        return csv_response(table.header(), table.lines(), f"{name}.csv")
    return xlsx_response(table.header(), table.lines(), f"{name}.xlsx", table.title)


@access.acting(access.can_view_statistics)
@require_GET
def overview(request, membership):
    scope = access.statistics_scope(membership)
    form = FilterForm(request.GET, scope=scope)
    tables = figures.tables_for(scope, form.filters())
    return render(
        request,
        "insights/overview.html",
        {
            "form": form,
            "scope": scope,
            "tables": _with_charts(tables),
            "query": request.GET.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@access.acting(access.can_view_statistics)
@require_GET
def overview_download(request, membership, key, fmt):
    scope = access.statistics_scope(membership)
    access.require(key in figures.table_keys(scope), hidden=True)
    form = FilterForm(request.GET, scope=scope)
    access.require(not (form.is_bound and form.errors))
    filters = form.filters()
    table = figures.TABLES[key][0](scope, filters)
    return _download(table, fmt, f"ipt-{key}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}")


def _public_tables():
    """The public figures as of today, made once a day (per language) and kept for everyone."""
    today = timezone.localdate()
    key = f"insights:public:{today.isoformat()}:{get_language()}"
    return today, cache.get_or_set(key, lambda: figures.public_tables(today), PUBLIC_SECONDS)


@require_GET
def public(request):
    today, tables = _public_tables()
    return render(request, "insights/public.html", {"tables": _with_charts(tables), "today": today})


@require_GET
def public_download(request, key, fmt):
    today, tables = _public_tables()
    table = access.found(next((table for table in tables if table.key == key), None))
    return _download(table, fmt, f"ipt-i-tall-{key}-{today:%Y%m%d}")
