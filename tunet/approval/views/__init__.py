"""The approval scheme's pages, one module by sub-area (urls.py names them)."""
