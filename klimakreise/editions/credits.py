"""The one sentence that credits a partner of an edition, wherever partners are listed.

The edition page, the results page and every export use `partner_credit`, so a role and an
acknowledgement that say the same thing ("Förderung: für die Förderung") are never put side by side.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# An acknowledgement that goes on from "Wir danken X" ("für die Förderung", "for the venue").
_CONTINUATIONS = ("für ", "for ")


def partner_credit(
    *, name: str, role_label: str, thanks: str = "", website: str = "", html: bool = True
) -> str:
    """E.g. "Wir danken RENN.mitte für die Förderung." or "Bits & Bäume (Infrastruktur): Server".

    html=True: escaped HTML (SafeString) with the name linked to `website`; html=False: plain
    text, which the caller has made safe for its format.
    """
    thanks = thanks.strip()
    if thanks.casefold().startswith(_CONTINUATIONS):
        # The acknowledgement says what for; the role would say it a second time.
        pattern = _("We thank %(name)s %(thanks)s")
        thanks = thanks[0].lower() + thanks[1:]
        if not thanks.endswith((".", "!")):
            pattern += "."
    elif not thanks:
        pattern = _("%(name)s (%(role)s)")
    elif role_label.casefold() in thanks.casefold():
        pattern = _("%(name)s: %(thanks)s")
    else:
        pattern = _("%(name)s (%(role)s): %(thanks)s")
    if not html:
        return pattern % {"name": name, "role": role_label, "thanks": thanks}
    linked = (
        format_html('<a href="{}">{}</a>', website, name) if website else conditional_escape(name)
    )
    parts = {
        "name": linked,
        "role": conditional_escape(role_label),
        "thanks": conditional_escape(thanks),
    }
    return mark_safe(conditional_escape(pattern) % parts)  # noqa: S308 (every part is escaped)
