"""The demo data of every app, for `make run` and the browser tests.

The top of the import order: it may import every app, and no app imports it (the import contract in
pyproject.toml refuses that). Each module loads one app's part; load.load() loads them all in order.
"""
