"""The bench server's settings: production settings plus a timing middleware and the floor view's URLs."""

import os

from tunet.settings import *  # noqa: F403
from tunet.settings import BASE_DIR, MIDDLEWARE

ROOT_URLCONF = "benchmark.urls"
# Outermost, so that the time covers every other middleware, the view and the rendering.
MIDDLEWARE = ["benchmark.middleware.server_timing", *MIDDLEWARE]
# collectstatic for the bench goes here, not into the project's staticfiles/.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(BASE_DIR / ".bench" / "static"))
