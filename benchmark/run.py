"""`make bench`: catalogue search on PostgreSQL against its floor and the Django admin, served by gunicorn.

    python -m benchmark.run [--rebuild] [--workers 3] [--clients 8] [--duration 8] [--rounds 3]
                            [--requests 300] [--warmup 3] [--page-cache] [--gc-between-requests] [--strict]

1. Builds the synthetic national data set (benchmark/dataset.py) in the database tunet_bench,
   unless it already holds it (--rebuild forces a new one), migrates, VACUUM ANALYZE.
2. Collects the static files into .bench/static and starts gunicorn (sync workers) on a free
   loopback port with production settings (DEBUG off) plus benchmark.settings: a Server-Timing
   header with the time Django spent, and the floor view at /bench/floor/. The catalogue's page
   cache is off, so every request makes its search anew (the bench repeats a few searches, which
   the cache would answer from memory); --page-cache measures it on, as production runs it.
3. Checks that the catalogue and the floor show the same farms for every URL, logs in to the admin.
4. Latency: for every endpoint and scenario, `--requests` sequential requests; median and p95
   of the server time (Server-Timing) and of the time the client saw.
5. Throughput: for every endpoint, `--clients` concurrent client processes for `--duration`
   seconds on the mix of all scenarios' URLs, `--rounds` times in turn; the median round.
6. Prints the table with the ratios and the targets, writes .bench/results.json, stops gunicorn.

The load generator runs on the same machine as the server and the database, loopback only.
Server-Timing also carries the worker's CPU time for the request and the time in Python's garbage
collector; --gc-between-requests runs the server with benchmark/gunicorn_gc.py (an experiment).
BENCH_DATABASE_URL picks another database (its name must start with tunet_bench).
"""

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from . import dataset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".bench"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tunet_bench"
ADMIN_EMAIL = "bench-admin@tunet.invalid"

PLACES = ["Skien", "Hamar", "Stavanger", "Trondheim", "Bergen"]
COUNTIES = ["34", "40", "46", "50"]  # Innlandet, Telemark, Vestland, Trøndelag
TARGET_GROUP = "demens"
WEEKDAY = 1  # Tuesday
RADIUS_KM = 30
ENDPOINTS = ["catalogue", "floor", "admin"]

BUSY_LOAD = 0.7  # 1-minute load average above which the run warns that others share the CPUs
BUSY_SHARE = 0.05  # share of the CPU time others used while the bench measured, above which it warns
TARGET_P95_MS = 25.0
TARGET_VS_FLOOR = 0.5
TARGET_VS_ADMIN = 2.0

FARM_LINK = re.compile(rb'href="/gard/(\d+)/"')
TIMING = re.compile(
    r"app;dur=([0-9.]+)(?:, db;dur=([0-9.]+);desc=\"(\d+) queries\")?(?:, gc;dur=([0-9.]+))?(?:, cpu;dur=([0-9.]+))?"
)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmark.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data set")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients for throughput (default 8)")
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per throughput round (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per endpoint (default 3)")
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per scenario (default 300)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load per endpoint first (default 3)")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="keep the catalogue's page cache on (CATALOGUE_CACHE_SECONDS=60, as in production)",
    )
    parser.add_argument(
        "--gc-between-requests",
        action="store_true",
        help="experiment: gunicorn with benchmark/gunicorn_gc.py (garbage collection between requests)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    return parser.parse_args(argv)


def bench_env(database_url, page_cache=False):
    return {
        "CATALOGUE_CACHE_SECONDS": "60" if page_cache else "0",
        "DJANGO_SETTINGS_MODULE": "benchmark.settings",
        "TUNET_URLCONF": "benchmark.urls",
        "DATABASE_URL": database_url,
        "SECRET_KEY": f"bench-only-{secrets.token_urlsafe(32)}",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "BENCH_STATIC_ROOT": str(OUT / "static"),
    }


# --- Data --------------------------------------------------------------------------------------


def prepare_data(database_url, rebuild):
    """The data set and the scenarios' URLs (Django is set up against the bench database)."""
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    count = dataset.farm_count(database_url)
    if rebuild or count != dataset.FARMS:
        reason = "--rebuild" if rebuild else f"found {count} farms" if count is not None else "no data set yet"
        print(f"Building the data set in {dataset.database_name(database_url)} ({reason}) …")
        started = time.perf_counter()
        connections.close_all()
        dataset.recreate_database(database_url)
        call_command("migrate", interactive=False, verbosity=0)
        dataset.build()
        print(f"  built in {time.perf_counter() - started:.0f} s")
    else:
        name = dataset.database_name(database_url)
        print(f"Using the data set in {name} ({count:,} farms); --rebuild for a new one.")
        call_command("migrate", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(24)
    dataset.ensure_superuser(ADMIN_EMAIL, password)
    counts = data_counts()
    scenarios = build_scenarios()
    print("Collecting static files …")
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()
    dataset.vacuum_analyze(database_url)
    return password, counts, scenarios


def data_counts():
    from tunet.catalogue.models import Farm, OfferDay, ServiceOffer

    return {
        "farms": Farm.objects.count(),
        "listed_farms": Farm.objects.listed().count(),
        "municipalities_with_farms": Farm.objects.values("municipality").distinct().count(),
        "offers": ServiceOffer.objects.count(),
        "offer_days": OfferDay.objects.count(),
        "offer_target_groups": ServiceOffer.target_groups.through.objects.count(),
        "farm_animals": Farm.animals.through.objects.count(),
    }


def build_scenarios():
    """scenario -> list of {endpoint: path}; the admin gets the closest filters its list_filter has."""
    from tunet.catalogue.models import TargetGroup
    from tunet.core.models import Municipality

    group_id = TargetGroup.objects.get(code=TARGET_GROUP).pk
    county_of = dict(Municipality.objects.filter(name__in=PLACES).values_list("name", "county_id"))
    near, county = [], []
    for place in PLACES:
        query = {"malgruppe": TARGET_GROUP, "dag": WEEKDAY, "sted": place, "radius": RADIUS_KM}
        admin = {
            "municipality__county__number__exact": county_of[place],
            "offers__days__weekday__exact": WEEKDAY,
            "offers__target_groups__id__exact": group_id,
        }
        near.append(_urls(query, admin))
    for number in COUNTIES:
        query = {"fylke": number, "transport": "on"}
        admin = {"municipality__county__number__exact": number, "transport_offered__exact": 1}
        county.append(_urls(query, admin))
    return {
        f"near: {TARGET_GROUP}, Tuesday, {RADIUS_KM} km of a town": near,
        "county: county + transport": county,
    }


def _urls(query, admin):
    query = urlencode(query)
    return {
        "catalogue": f"/finn-gard/?{query}",
        "floor": f"/bench/floor/?{query}",
        "admin": f"/admin/catalogue/farm/?{urlencode(admin)}",
    }


# --- Who used the CPUs ------------------------------------------------------------------------


class CpuShare:
    """How much of the machine's CPU time went to others than the bench while it measured.

    The bench: this process and its client processes, gunicorn and its workers, and the
    PostgreSQL backends connected to the bench database. The rest (other people's tests, ...)
    shows as `others`; the hypervisor's stolen time as `steal`. Linux only (/proc)."""

    def __init__(self, server_pid, database_url):
        self.server_pid, self.database_url = server_pid, database_url
        self.start = self._sample()

    @staticmethod
    def _machine():
        fields = [int(x) for x in open("/proc/stat").readline().split()[1:9]]  # noqa: SIM115
        user, nice, system, idle, iowait, irq, softirq, steal = fields
        return user + nice + system + irq + softirq, steal, sum(fields)

    @staticmethod
    def _process(pid, children=True):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0
        own = int(fields[11]) + int(fields[12])
        return own + (int(fields[13]) + int(fields[14]) if children else 0)

    def _tree(self, pid):
        pids = [pid]
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            for child in task.read_text().split():
                pids += self._tree(int(child))
        return pids

    def _backends(self):
        try:
            with psycopg.connect(self.database_url, connect_timeout=5) as conn:
                rows = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchall()
            return [pid for (pid,) in rows]
        except psycopg.Error:
            return []

    def _sample(self):
        times = os.times()
        seconds = times.user + times.system + times.children_user + times.children_system
        ours = round(seconds * os.sysconf("SC_CLK_TCK"))
        ours += sum(self._process(pid) for pid in self._tree(self.server_pid))
        backends = {pid: self._process(pid, children=False) for pid in self._backends()}
        return self._machine(), ours, backends

    def result(self):
        (busy0, steal0, total0), ours0, backends0 = self.start
        (busy1, steal1, total1), ours1, backends1 = self._sample()
        backends = sum(t - backends0.get(pid, 0) for pid, t in backends1.items())
        total = max(total1 - total0, 1)
        others = busy1 - busy0 - (ours1 - ours0) - backends
        return {"others": max(others, 0) / total, "steal": (steal1 - steal0) / total}


# --- Server ------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, workers, port, config=None):
    OUT.mkdir(exist_ok=True)
    log = open(OUT / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop_server
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "tunet.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--timeout", "60", "--log-level", "warning", "--backlog", "2048",
    ]  # fmt: skip
    if config:
        command += ["--config", str(config)]
    # The command is our own venv's gunicorn with fixed arguments.
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    server.log = log
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start; see {OUT / 'gunicorn.log'}")
        try:
            status, _body, _headers = get(port, "/bench/floor/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 s")


def stop_server(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    server.log.close()


# --- Client ------------------------------------------------------------------------------------


def get(port, path, headers=None, conn=None):
    """(status, body, headers) of one GET; a new connection unless one is given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response.headers
    finally:
        if own:
            conn.close()


def admin_login(port, password):
    """The admin's session cookie, after logging in the way a browser does."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/admin/login/?next=/admin/")
    response = conn.getresponse()
    body = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"csrfmiddlewaretoken": token, "username": ADMIN_EMAIL, "password": password, "next": "/admin/"})
    conn.request(
        "POST", "/admin/login/?next=/admin/", body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie_header(cookies),
                 "Referer": f"http://127.0.0.1:{port}/admin/login/"},
    )  # fmt: skip
    response = conn.getresponse()
    response.read()
    cookies.update(_cookies(response))
    conn.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"Admin login failed: {response.status}")
    return _cookie_header(cookies)


def _cookies(response):
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def _cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def server_timing(headers):
    """(app ms, db ms, queries, gc ms, cpu ms) from the bench middleware's Server-Timing header."""
    match = TIMING.search(headers.get("Server-Timing", ""))
    if not match:
        return None, None, None, None, None
    app, db, queries, gc, cpu = match.groups()
    return float(app), _number(db), _number(queries, int), _number(gc), _number(cpu)


def _number(value, kind=float):
    return None if value is None else kind(value)


# --- Checks ------------------------------------------------------------------------------------


def check_urls(port, scenarios, admin_cookie):
    """Every URL answers 200; the catalogue's page shows the floor's farms in the floor's order."""
    summary = {}
    for name, url_sets in scenarios.items():
        rows = []
        for urls in url_sets:
            pages = {}
            for endpoint, path in urls.items():
                headers = {"Cookie": admin_cookie} if endpoint == "admin" else {}
                status, body, _headers = get(port, path, headers)
                if status != 200:
                    raise SystemExit(f"{endpoint} {path} answered {status}")
                pages[endpoint] = body
            catalogue_ids = list(dict.fromkeys(FARM_LINK.findall(pages["catalogue"])))
            floor_ids = FARM_LINK.findall(pages["floor"])
            if catalogue_ids != floor_ids:
                raise SystemExit(f"The catalogue and the floor show different farms for {urls['catalogue']}")
            found = re.search(r"Fant (\d+) gård|(\d+) farms? found".encode(), pages["catalogue"])
            rows.append({
                "catalogue": urls["catalogue"],
                "catalogue_total": int(next(g for g in found.groups() if g)) if found else None,
                "page_farms": len(catalogue_ids),
                "admin_rows": pages["admin"].count(b'name="_selected_action"'),
            })  # fmt: skip
        summary[name] = rows
    return summary


# --- Latency -----------------------------------------------------------------------------------


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return None
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def latency(port, paths, count, headers):
    """Sequential requests, cycling through paths, on one HTTPConnection (it reconnects when the
    server closes: gunicorn's sync workers close after every response)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    server, client, db, queries, gc, cpu = [], [], [], [], [], []
    try:
        for i in range(count):
            started = time.perf_counter()
            status, _body, response_headers = get(port, paths[i % len(paths)], headers, conn=conn)
            client.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"{paths[i % len(paths)]} answered {status}")
            app_ms, db_ms, n, gc_ms, cpu_ms = server_timing(response_headers)
            server.append(app_ms)
            db.append(db_ms)
            queries.append(n)
            gc.append(gc_ms or 0.0)
            cpu.append(cpu_ms or 0.0)
    finally:
        conn.close()
    return {
        "requests": count,
        "server_p50_ms": statistics.median(server),
        "server_p95_ms": percentile(server, 0.95),
        "server_max_ms": max(server),
        "client_p50_ms": statistics.median(client),
        "client_p95_ms": percentile(client, 0.95),
        "db_p50_ms": statistics.median(db),
        "queries": statistics.median(queries),
        "gc_mean_ms": statistics.fmean(gc),
        "cpu_p50_ms": statistics.median(cpu),
        "gc_max_ms": max(gc),
    }


# --- Throughput --------------------------------------------------------------------------------


def _raw_requests(paths, headers):
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return [
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}\r\n".encode("latin-1")
        for path in paths
    ]


def _load_client(port, requests, offset, start_at, stop_at):
    """One client process: a request, wait for the whole answer, the next one, until stop_at.
    Counts the answers that started and ended inside [start_at, stop_at]."""
    done = errors = 0
    server_ms = []
    i = offset
    while True:
        begun = time.monotonic()
        if begun >= stop_at:
            break
        request = requests[i % len(requests)]
        i += 1
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                sock.sendall(request)
                head = _read_response(sock)
        except OSError:
            errors += 1
            continue
        ended = time.monotonic()
        if begun < start_at or ended > stop_at:
            continue
        if not head.startswith(b"HTTP/1.1 200"):
            errors += 1
            continue
        done += 1
        match = re.search(rb"Server-Timing: app;dur=([0-9.]+)", head, re.IGNORECASE)
        if match:
            server_ms.append(float(match.group(1)))
    return done, errors, server_ms


def _read_response(sock):
    """Read one response as a browser does, up to its Content-Length (or the end); return its head."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    match = re.search(rb"\r\ncontent-length: *(\d+)", head, re.IGNORECASE)
    remaining = int(match.group(1)) - len(body) if match else None
    while remaining is None or remaining > 0:
        chunk = sock.recv(65536)
        if not chunk:
            break
        if remaining is not None:
            remaining -= len(chunk)
    return head


def load(port, paths, headers, clients, duration, warmup=0.0):
    requests = _raw_requests(paths, headers)
    start_at = time.monotonic() + 0.3 + warmup
    stop_at = start_at + duration
    context = multiprocessing.get_context("fork")
    with context.Pool(clients) as pool:
        results = pool.starmap(
            _load_client, [(port, requests, k * len(requests) // clients, start_at, stop_at) for k in range(clients)]
        )
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    server_ms = [ms for r in results for ms in r[2]]
    return {
        "requests_per_s": done / duration,
        "requests": done,
        "errors": errors,
        "server_p50_ms_under_load": statistics.median(server_ms) if server_ms else None,
        "server_p95_ms_under_load": percentile(server_ms, 0.95),
    }


# --- Report ------------------------------------------------------------------------------------


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def report(results):
    lines = []
    lat = results["latency"]
    thr = results["throughput"]
    lines.append("")
    data = results["data"]
    lines.append(
        f"Catalogue search on PostgreSQL: {data['farms']:,} farms ({data['listed_farms']:,} listed), "
        f"{data['offers']:,} offers; gunicorn {results['config']['workers']} sync workers, "
        f"{results['environment']['cpus']} CPUs, load generator on the same machine"
        + (", GC between requests (benchmark/gunicorn_gc.py)." if results["config"]["gc_between_requests"] else ".")
    )
    lines.append(
        "The catalogue's page cache is on (--page-cache): repeated searches come from memory."
        if results["config"]["page_cache"]
        else "The catalogue's page cache is off: every request makes its search anew."
    )
    environment = results["environment"]
    others, steal = environment["cpu_share_others"], environment["cpu_share_steal"]
    lines.append(
        f"While it measured, other processes used {others:.0%} of the CPU time and the hypervisor stole {steal:.0%}"
        + (": the numbers are noisy, run again when the machine is quiet." if others + steal > BUSY_SHARE else ".")
    )
    lines.append("")
    lines.append(
        "Latency, sequential requests (ms)   server p50  server p95  client p50  client p95  db p50  "
        "queries  gc mean  cpu p50"
    )
    for scenario, by_endpoint in lat.items():
        lines.append(f"  {scenario}")
        for endpoint in ENDPOINTS:
            row = by_endpoint[endpoint]
            lines.append(
                f"    {endpoint:<31} {fmt(row['server_p50_ms']):>10}  {fmt(row['server_p95_ms']):>10}  "
                f"{fmt(row['client_p50_ms']):>10}  {fmt(row['client_p95_ms']):>10}  {fmt(row['db_p50_ms']):>6}  "
                f"{fmt(row['queries'], 0):>7}  {fmt(row['gc_mean_ms']):>7}  {fmt(row['cpu_p50_ms']):>7}"
            )
        cat, floor, admin = (by_endpoint[e] for e in ENDPOINTS)
        lines.append(
            f"    {'catalogue ÷ floor, ÷ admin':<31} {_ratio(cat, floor, 'server_p50_ms'):>10}  "
            f"{_ratio(cat, floor, 'server_p95_ms'):>10}   (÷ admin: p50 {_ratio(cat, admin, 'server_p50_ms')}, "
            f"p95 {_ratio(cat, admin, 'server_p95_ms')})"
        )
    lines.append("")
    config = results["config"]
    lines.append(
        f"Throughput, {config['clients']} concurrent clients, {config['duration_s']:g} s × {config['rounds']} rounds, "
        "mix of all URLs (median round)"
    )
    lines.append("                                      req/s   server p50 under load   errors   rounds")
    for endpoint in ENDPOINTS:
        row = thr[endpoint]
        rounds = ", ".join(f"{r:.0f}" for r in row["rounds_requests_per_s"])
        lines.append(
            f"    {endpoint:<31} {row['requests_per_s']:>8.1f}   {fmt(row['server_p50_ms_under_load']):>10} ms"
            f"             {row['errors']:>5}   {rounds}"
        )
    ratios = results["ratios"]
    lines.append(
        f"    catalogue ÷ floor = {ratios['throughput_vs_floor']:.2f}, "
        f"catalogue ÷ admin = {ratios['throughput_vs_admin']:.2f}"
    )
    lines.append("")
    lines.append("Targets")
    for target in results["targets"]:
        lines.append(f"    {'PASS' if target['pass'] else 'FAIL'}  {target['name']}: {target['value']}")
    lines.append("")
    return "\n".join(lines)


def _ratio(a, b, key):
    return f"{a[key] / b[key]:.2f}" if a[key] and b[key] else "–"


def evaluate(results):
    lat, thr = results["latency"], results["throughput"]
    worst_p95 = max(by_endpoint["catalogue"]["server_p95_ms"] for by_endpoint in lat.values())
    vs_floor = thr["catalogue"]["requests_per_s"] / thr["floor"]["requests_per_s"]
    vs_admin = thr["catalogue"]["requests_per_s"] / thr["admin"]["requests_per_s"]
    results["ratios"] = {"throughput_vs_floor": vs_floor, "throughput_vs_admin": vs_admin}
    results["targets"] = [
        {
            "name": f"catalogue server p95 ≤ {TARGET_P95_MS:g} ms in every scenario",
            "value": ", ".join(f"{by['catalogue']['server_p95_ms']:.1f} ms" for by in lat.values()),
            "pass": worst_p95 <= TARGET_P95_MS,
        },
        {
            "name": f"catalogue throughput ≥ {TARGET_VS_FLOOR:g} × the floor's",
            "value": f"{vs_floor:.2f} ×",
            "pass": vs_floor >= TARGET_VS_FLOOR,
        },
        {
            "name": f"catalogue throughput ≥ {TARGET_VS_ADMIN:g} × the admin's",
            "value": f"{vs_admin:.2f} ×",
            "pass": vs_admin >= TARGET_VS_ADMIN,
        },
    ]


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    dataset.database_name(database_url)
    load_before = os.getloadavg()
    if load_before[0] > BUSY_LOAD:
        print(f"Warning: the machine is busy (load {load_before[0]:.2f}); the numbers will be noisy.")
    env = bench_env(database_url, args.page_cache)
    os.environ.update(env)
    password, counts, scenarios = prepare_data(database_url, args.rebuild)

    port = free_port()
    print(f"Starting gunicorn on 127.0.0.1:{port} with {args.workers} sync workers …")
    gc_config = ROOT / "benchmark" / "gunicorn_gc.py" if args.gc_between_requests else None
    server = start_server(env, args.workers, port, gc_config)
    try:
        cpu_share = CpuShare(server.pid, database_url)
        admin_cookie = admin_login(port, password)
        headers = {"catalogue": {}, "floor": {}, "admin": {"Cookie": admin_cookie}}
        print("Checking that the catalogue and the floor show the same farms …")
        checks = check_urls(port, scenarios, admin_cookie)
        every = {e: [urls[e] for url_sets in scenarios.values() for urls in url_sets] for e in ENDPOINTS}

        print(f"Warming up ({args.warmup:g} s per endpoint) …")
        for endpoint in ENDPOINTS:
            load(port, every[endpoint], headers[endpoint], args.clients, args.warmup)

        print(f"Latency: {args.requests} sequential requests per endpoint and scenario …")
        latencies = {}
        for scenario, url_sets in scenarios.items():
            latencies[scenario] = {
                e: latency(port, [urls[e] for urls in url_sets], args.requests, headers[e]) for e in ENDPOINTS
            }

        print(f"Throughput: {args.clients} clients, {args.rounds} rounds of {args.duration:g} s per endpoint …")
        rounds = {e: [] for e in ENDPOINTS}
        for _ in range(args.rounds):
            for endpoint in ENDPOINTS:
                rounds[endpoint].append(load(port, every[endpoint], headers[endpoint], args.clients, args.duration))
        throughput = {}
        for endpoint, runs in rounds.items():
            middle = sorted(runs, key=lambda r: r["requests_per_s"])[len(runs) // 2]
            throughput[endpoint] = {
                **middle,
                "errors": sum(r["errors"] for r in runs),
                "rounds_requests_per_s": [r["requests_per_s"] for r in runs],
            }
        shares = cpu_share.result()
    finally:
        stop_server(server)

    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": {
            "workers": args.workers, "clients": args.clients, "duration_s": args.duration, "rounds": args.rounds,
            "requests": args.requests, "warmup_s": args.warmup, "database": dataset.database_name(database_url),
            "gc_between_requests": args.gc_between_requests, "page_cache": args.page_cache,
        },
        "environment": {
            "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_before": load_before,
            "cpu_share_others": shares["others"], "cpu_share_steal": shares["steal"],
        },
        "data": counts,
        "scenarios": scenarios,
        "checks": checks,
        "latency": latencies,
        "throughput": throughput,
    }  # fmt: skip
    evaluate(results)
    print(report(results))
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"Results: {OUT / 'results.json'}")
    if args.strict and not all(t["pass"] for t in results["targets"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
