"""Bench only: a Server-Timing header with the time Django spent on the request (app), the CPU time
the worker process used for it (cpu: unlike app, not stretched when others use the CPUs), the time
in the database and in Python's cyclic garbage collector (which pauses whichever request happens
to trigger it)."""

import gc
import time

from django.db import connections

_gc = {"seconds": 0.0, "started": 0.0}


def _time_gc(phase, _info):
    if phase == "start":
        _gc["started"] = time.perf_counter()
    else:
        _gc["seconds"] += time.perf_counter() - _gc["started"]


def server_timing(get_response):
    if _time_gc not in gc.callbacks:
        gc.callbacks.append(_time_gc)

    def middleware(request):
        db = {"n": 0, "seconds": 0.0}

        def timed(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                db["n"] += 1
                db["seconds"] += time.perf_counter() - start

        gc_before = _gc["seconds"]
        start, cpu_start = time.perf_counter(), time.process_time()
        with connections["default"].execute_wrapper(timed):
            response = get_response(request)
        app_ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.process_time() - cpu_start) * 1000
        gc_ms = (_gc["seconds"] - gc_before) * 1000
        response["Server-Timing"] = (
            f'app;dur={app_ms:.2f}, db;dur={db["seconds"] * 1000:.2f};desc="{db["n"]} queries", '
            f"gc;dur={gc_ms:.2f}, cpu;dur={cpu_ms:.2f}"
        )
        return response

    return middleware
