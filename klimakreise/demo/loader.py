"""Loads the demo idempotently, part by part in dependency order: the editions first, then the
people who registered, the circles they were placed in, and what those circles produced.

Every part is imported here at the top, so a broken part stops the demo with its own error."""

from django.db import transaction

from klimakreise.demo.circles import load_circles
from klimakreise.demo.context import DemoContext
from klimakreise.demo.editions import ORGANIZER_EMAIL, ORGANIZER_PASSWORD, load_editions
from klimakreise.demo.feedback import load_feedback
from klimakreise.demo.polls import load_polls
from klimakreise.demo.registrations import load_registrations
from klimakreise.demo.reports import load_organization_kinds
from klimakreise.demo.results import load_results
from klimakreise.demo.steps import load_steps

__all__ = ["ORGANIZER_EMAIL", "ORGANIZER_PASSWORD", "load_demo"]


@transaction.atomic
def load_demo() -> DemoContext:
    ctx = load_editions()
    load_organization_kinds(ctx)
    load_registrations(ctx)
    load_circles(ctx)
    load_results(ctx)  # the cards and votes of the past editions, then their publication
    load_feedback(ctx)  # 2022's survey with its published summary
    load_polls(ctx)  # the closed date poll of 2022 that led to the upcoming edition
    load_steps(ctx)  # the follow-up of their next steps
    return ctx
