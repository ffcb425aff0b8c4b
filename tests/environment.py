"""Loaded as a pytest plugin (see pyproject.toml) before Django reads its settings.

Tests talk plain HTTP to the test client and the live server; production's HTTPS redirect and
secure cookies would send the browser tests to an https:// address nobody serves.
"""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
