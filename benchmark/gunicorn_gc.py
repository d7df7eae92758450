"""Experiment, `make bench BENCH_ARGS=--gc-between-requests`: Python's cyclic garbage collector between
requests instead of during them.

A catalogue page leaves some 4,000 objects in reference cycles (prefetched offers and their farm,
days and their offer, the form and its fields), so the collector runs often, and now and then a
full collection pauses whichever request is running for 50-150 ms: that is most of the
catalogue's p95. Here the worker freezes what it loaded at start (never garbage, never scanned
again), turns the automatic collector off, and collects every EVERY requests after the response
has been sent (post_request runs before gunicorn closes the socket, but a client that reads
Content-Length, as browsers do, already has the whole answer).

To use it in production, pass this file to gunicorn with -c (or copy the two hooks).
"""

import gc

EVERY = 10


def post_worker_init(worker):
    gc.freeze()
    gc.disable()


def post_request(worker, req, environ, resp):
    if worker.nr % EVERY == 0:
        gc.collect()
