"""The demo's foundation: the series, its organizers and organizations, and the three editions
with agenda, topics, circles and partners. Every object is found by a stable key and updated in
place, so loading twice changes nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from faker import Faker

from klimakreise.accounts.models import User
from klimakreise.circles.models import Circle
from klimakreise.demo import data
from klimakreise.demo.context import DemoContext, local, person_name
from klimakreise.editions.models import AgendaItem, Edition, Partner, Series, Topic
from klimakreise.editions.services import clone_edition, create_series
from klimakreise.organizations.models import Organization, Sector

ORGANIZER_EMAIL = "orga@klimakreise.example"
ORGANIZER_PASSWORD = "klimakreise-demo"  # noqa: S105 (demo only, printed on start)


def load_editions() -> DemoContext:
    faker = Faker("de_DE")
    faker.seed_instance(2022)
    organizer = _organizer()
    series = Series.objects.filter(slug=data.SERIES["slug"]).first() or create_series(**data.SERIES)
    Series.objects.filter(pk=series.pk).update(**data.SERIES)
    series.organizers.add(organizer, _second_organizer())
    ctx = DemoContext(series=series, organizer=organizer, editions={}, faker=faker)
    ctx.organizations = _organizations(series)
    for spec in data.EDITIONS:
        ctx.editions[spec["slug"]] = _edition(ctx, spec)
    ctx.editions[data.UPCOMING["slug"]] = _upcoming(ctx)
    return ctx


def _organizer() -> User:
    user, _ = User.objects.get_or_create(
        email=ORGANIZER_EMAIL, defaults={"name": "Demo Orga-Team", "is_staff": True}
    )
    user.set_password(ORGANIZER_PASSWORD)
    user.save()
    return user


def _second_organizer() -> User:
    """A second member of the team, so the demo shows a team; it signs in only after choosing a
    password through "Passwort vergessen?"."""
    user, created = User.objects.get_or_create(
        email="team@klimakreise.example", defaults={"name": "Jana Beispiel"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _organizations(series: Series) -> dict[str, Organization]:
    sectors = {s.slug: s for s in Sector.objects.filter(series=series)}
    found = {}
    for name, sector, website, member in data.ORGANIZATIONS:
        found[name], _ = Organization.objects.update_or_create(
            series=series,
            name=name,
            defaults={
                "sector": sectors[sector],
                "website": website,
                "is_alliance_member": member,
            },
        )
    return found


def _edition(ctx: DemoContext, spec: dict) -> Edition:
    start = local(spec["start"])
    get_together = spec.get("get_together")
    edition, _ = Edition.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "series": ctx.series,
            "number": spec["number"],
            "title": spec["title"],
            "start": start,
            "end": local(spec["end"]),
            "format": spec["format"],
            "status": spec["status"],
            "intro": spec["intro"],
            "online_room_url": "https://meet.example.org/klimakreise",
            "get_together_start": local(get_together[0]) if get_together else None,
            "get_together_place": get_together[1] if get_together else "",
            "previous": ctx.editions.get(f"magdeburg-{start.year - 1}"),
        },
    )
    _agenda(ctx, edition, spec["agenda"])
    _topics_and_circles(ctx, edition, spec["topics"])
    _partners(ctx, edition, spec["partners"])
    return edition


def _agenda(ctx: DemoContext, edition: Edition, items) -> None:
    edition.agenda_items.all().delete()
    for offset, duration, kind, title, speaker, org_name in items:
        AgendaItem.objects.create(
            edition=edition,
            start=edition.start + timedelta(minutes=offset),
            duration_minutes=duration,
            kind=kind,
            title=title,
            speaker=person_name(ctx.faker) if speaker else "",
            organization=ctx.organizations.get(org_name),
        )


def _topics_and_circles(ctx: DemoContext, edition: Edition, topics) -> None:
    for position, (slug, title, description) in enumerate(topics):
        expert = person_name(ctx.faker)
        topic, _ = Topic.objects.update_or_create(
            edition=edition,
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "position": position,
                "input_title": f"Wo steht Magdeburg beim Thema {title}?",
                "input_expert": expert,
            },
        )
        Circle.objects.update_or_create(
            edition=edition,
            topic=topic,
            index=1,
            defaults={
                "moderator_name": person_name(ctx.faker),
                "expert_name": expert,
                "note_taker_name": person_name(ctx.faker),
                "video_room_url": f"https://meet.example.org/klimakreise-{edition.number}-{slug}",
            },
        )


def _partners(ctx: DemoContext, edition: Edition, partners) -> None:
    for name, role, thanks in partners:
        Partner.objects.update_or_create(
            edition=edition,
            organization=ctx.organizations[name],
            role=role,
            defaults={"thanks": thanks},
        )


LOOK_BACK = "Rückblick auf die "


def _upcoming(ctx: DemoContext) -> Edition:
    spec = data.UPCOMING
    day = timezone.localdate() + timedelta(days=spec["days_ahead"])
    start = datetime(day.year, day.month, day.day, 15, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))
    edition = Edition.objects.filter(slug=spec["slug"]).first()
    if edition is None:
        edition = clone_edition(
            edition=ctx.editions["magdeburg-2022"],
            number=spec["number"],
            title=spec["title"],
            slug=spec["slug"],
            start=start,
            end=start + timedelta(hours=3),
        )
    edition.intro = spec["intro"]
    edition.status = Edition.Status.PUBLISHED
    # Midnight, not now: loading again on the same day leaves the edition as it was.
    edition.registration_opens_at = start.replace(hour=0) - timedelta(days=spec["days_ahead"] + 1)
    edition.registration_closes_at = start - timedelta(days=3)
    edition.capacity = 60
    edition.save()
    # The agenda is copied from the 2nd edition, whose look back is on the 1st.
    edition.agenda_items.filter(title__startswith=LOOK_BACK).update(
        title=f"{LOOK_BACK}{spec['number'] - 1}. Klimakreise"
    )
    return edition
