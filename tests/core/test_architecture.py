"""docs/architecture.md is the code: every app imports only what its row there allows.

import-linter (`lint-imports` in CI) checks the layers; this test checks the document itself, so a
new dependency cannot land without the page that explains it. Imports inside functions count too,
and each needs a written reason next to it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "klimakreise"
DOCUMENT = ROOT / "docs" / "architecture.md"


def documented_imports(text: str) -> dict[str, set[str]]:
    """app → the apps its row in "Apps and what they may import" names."""
    section = text.split("## Apps and what they may import", 1)[1].split("\n## ", 1)[0]
    allowed = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(\w+)`", cells[0]) if len(cells) == 3 else None
        if match:
            allowed[match[1]] = {name.strip() for name in cells[2].split(",")} - {"—", ""}
    return allowed


def apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def python_files(app: str):
    return [p for p in (PACKAGE / app).rglob("*.py") if "migrations" not in p.parts]


def imported_apps(path: Path, own_app: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "klimakreise" and len(parts) > 1 and parts[1] != own_app:
                found.add(parts[1])
    return found & set(apps())


def test_the_document_has_a_row_for_every_app():
    assert set(documented_imports(DOCUMENT.read_text())) == set(apps())


@pytest.mark.parametrize("app", apps())
def test_an_app_imports_only_the_apps_its_row_names(app):
    allowed = documented_imports(DOCUMENT.read_text())[app]
    actual = set().union(*(imported_apps(path, app) for path in python_files(app)))
    assert actual <= allowed, f"{app} imports {sorted(actual - allowed)}: update its row first"
    assert allowed <= actual, (
        f"{app}'s row names {sorted(allowed - actual)}, which it no longer imports"
    )


def test_the_check_finds_an_import_the_row_does_not_name(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("def view():\n    from klimakreise.results.data import gather_results\n")
    table = "## Apps and what they may import\n| app | owns | may import |\n|---|---|---|\n"
    table += "| `editions` | series | core, organizations |\n"
    allowed = documented_imports(table)["editions"]
    assert imported_apps(module, "editions") - allowed == {"results"}


def imports_inside_functions_without_a_reason(path: Path) -> list[int]:
    """Line numbers of imports inside a function with no comment between the def and them."""
    lines = path.read_text().splitlines()
    unexplained = []
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                before = lines[function.lineno - 1 : node.lineno]
                if not any("#" in line for line in before):
                    unexplained.append(node.lineno)
    return unexplained


@pytest.mark.parametrize("app", apps())
def test_every_import_inside_a_function_says_why(app):
    unexplained = {
        str(path.relative_to(ROOT)): lines
        for path in python_files(app)
        if (lines := imports_inside_functions_without_a_reason(path))
    }
    assert not unexplained


def test_the_reason_check_finds_an_unexplained_import(tmp_path):
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    import json\n\n\ndef g():\n    # why\n    import csv\n")
    assert imports_inside_functions_without_a_reason(module) == [2]
