"""``python -m klimakreise.assignment INPUT.json ...``: same as ``klimakreise assign``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
