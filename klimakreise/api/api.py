"""The JSON API under /api/v1/. Each app contributes a router; this module only assembles them."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

api = NinjaAPI(
    title="Klimakreise API",
    version="1",
    description="Public data about editions, topics and results; organizer endpoints need a token.",
    urls_namespace="api-1.0.0",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]) or None, "message": e.get("msg")}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": "Invalid input.", "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Authentication required."}, status=401)


def _register_routers() -> None:
    from klimakreise.editions.api import router as editions_router

    api.add_router("/editions", editions_router)
    # registrations (issue 3), circles (issue 4) and results (issue 5) add their routers here.


_register_routers()
