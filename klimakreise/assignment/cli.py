"""``klimakreise assign INPUT.json [-o OUTPUT.json] [--time-limit S] [--seed N]``.

Exit codes: 0 success, 1 unexpected error, 2 invalid input, 3 infeasible,
4 time limit reached before any grouping was found.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from . import solve
from .errors import Infeasible, InvalidInput, NoSolutionInTime

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_INVALID = 2
EXIT_INFEASIBLE = 3
EXIT_NO_SOLUTION = 4


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits with 2 as well; keep its usage line but a single "error:" line.
        self.print_usage(sys.stderr)
        raise SystemExit(_fail(EXIT_INVALID, message))


def _fail(code: int, message: str) -> int:
    one_line = " ".join(str(message).split())
    print(f"error: {one_line}", file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="klimakreise assign",
        description="Put every participant into exactly one circle at minimum wish cost.",
    )
    parser.add_argument("input", metavar="INPUT.json", help="problem file, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUTPUT.json", help="default: stdout")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS", default=None)
    parser.add_argument("--seed", type=int, default=0, metavar="N")
    return parser


def _read_problem(path: str) -> Any:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path} is not UTF-8 text") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{path} is not valid JSON: {error}") from error


def _write_result(result: dict, path: str | None) -> None:
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _run(args: argparse.Namespace) -> int:
    try:
        result = solve(_read_problem(args.input), time_limit=args.time_limit, seed=args.seed)
        _write_result(result, args.output)
    except InvalidInput as error:
        return _fail(EXIT_INVALID, error)
    except Infeasible as error:
        return _fail(EXIT_INFEASIBLE, f"infeasible: {error}")
    except NoSolutionInTime as error:
        return _fail(EXIT_NO_SOLUTION, error)
    except OSError as error:
        return _fail(EXIT_UNEXPECTED, f"cannot write {args.output}: {error.strerror or error}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_INVALID
    try:
        return _run(args)
    except KeyboardInterrupt:
        return _fail(EXIT_UNEXPECTED, "interrupted")
    except Exception as error:  # noqa: BLE001 - the CLI promises one line, never a traceback
        return _fail(EXIT_UNEXPECTED, f"unexpected {type(error).__name__}: {error}")
