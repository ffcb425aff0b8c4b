"""On/off environment variables, read the same way by settings.py and the command line.

Imported by settings.py before Django is set up, so it imports nothing of Django."""

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off", ""})


def parse_switch(value: str) -> bool | None:
    """True or False for the usual spellings, None for anything else (say so to the user)."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None
