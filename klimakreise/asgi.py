"""ASGI entry point: long-lived board streams wait without holding a worker thread."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimakreise.settings")

application = get_asgi_application()
