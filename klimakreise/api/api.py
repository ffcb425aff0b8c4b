"""The JSON API under /api/v1/. Each app contributes a router; this module only assembles them."""

import functools

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from klimakreise.api.docs import LocalSwagger
from klimakreise.circles.api import router as circles_router
from klimakreise.core import api_errors
from klimakreise.core.origin import from_other_site
from klimakreise.editions.api import router as editions_router
from klimakreise.feedback.api import router as feedback_router
from klimakreise.registrations.api import router as registrations_router
from klimakreise.results.api import router as results_router
from klimakreise.steps.api import router as steps_router

api = NinjaAPI(
    title="Klimakreise API",
    version="1",
    description="Public data about editions, topics and results; organizer endpoints need a token.",
    urls_namespace="api-1.0.0",
    docs=LocalSwagger(),
)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def only_own_site_json_writes(run):
    """Writes come as JSON and not from another site's page.

    A browser sends text/plain, form and multipart bodies across sites without asking (no CORS
    preflight); ninja would read such a body as JSON all the same. Requiring application/json
    and checking Origin/Sec-Fetch-Site as the sign-up form does keeps other sites from posting
    through their visitors' browsers. Clients without these headers (scripts) are not affected.
    """

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        if request.method in WRITE_METHODS:
            if from_other_site(request):
                return _error(request, api_errors.cross_site_refused(), status=403)
            if _has_body(request) and request.content_type != "application/json":
                return _error(request, api_errors.json_required(), status=415)
        return run(request, *args, **kwargs)

    return wrapper


def _has_body(request) -> bool:
    return bool(request.content_type) or bool(request.body)


def _error(request, detail: str, *, status: int):
    return api.create_response(request, {"detail": detail}, status=status)


# "view": before ninja reads the body, so that nothing else of a refused request is looked at.
api.add_decorator(only_own_site_json_writes, mode="view")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": api_errors.not_found()}, status=404)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    errors = [
        {"field": _field_name(e.get("loc", [])), "message": api_errors.field_error_message(e)}
        for e in exc.errors
    ]
    body = {"detail": api_errors.invalid_input(), "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # ninja raises this with status 400 for a body it cannot parse; others keep their message.
    detail = api_errors.unreadable_body() if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _field_name(location) -> str | None:
    """("body", "payload", "email") → "email": the name the client sent, not ninja's path."""
    parts = [str(p) for p in location]
    while parts and parts[0] in {"body", "query", "path", "payload"}:
        parts.pop(0)
    return ".".join(parts) or None


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": api_errors.authentication_required()}, status=401
    )


# Each app's router, added in this order (the paths of several share /editions/{slug}).
api.add_router("/editions", editions_router)
api.add_router("/editions", results_router)
api.add_router("/editions", registrations_router)
api.add_router("/editions", circles_router)
api.add_router("/editions", feedback_router)
api.add_router("/editions", steps_router)
