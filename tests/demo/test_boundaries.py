"""The demo lives only in the demo app, and a broken part of it stops the demo with its error."""

import ast
import importlib
import pkgutil
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

import klimakreise
import klimakreise.demo
import klimakreise.demo.loader  # noqa: F401 (every part is in sys.modules before a test blocks one)

PACKAGE = Path(klimakreise.__file__).parent
DEMO = PACKAGE / "demo"


def production_apps(package: Path = PACKAGE) -> list[Path]:
    return sorted(
        path
        for path in package.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "demo"
    )


def demo_files(app: Path) -> list[str]:
    """Files and folders named after the demo (demo.py, demo_content.py, templates/…/demo/)."""
    return sorted(
        str(path.relative_to(app.parent))
        for path in app.rglob("*")
        if path.name.lower().startswith("demo") and "__pycache__" not in path.parts
    )


def demo_references(app: Path) -> list[str]:
    """Imports of the demo package, and names of its modules or templates in string constants
    (the way a hook list would load them)."""
    found = []
    for source in sorted(app.rglob("*.py")):
        tree = ast.parse(source.read_text(), filename=str(source))
        lines = sorted({node.lineno for node in ast.walk(tree) if _refers_to_demo(node)})
        found += [f"{source.relative_to(app.parent)}:{line}" for line in lines]
    return found


def _refers_to_demo(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(_is_demo_module(alias.name) for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if (node.level == 0 and module == "klimakreise") or (node.level > 0 and not module):
            return any(alias.name == "demo" for alias in node.names)
        return _is_demo_module(module) if node.level == 0 else module.split(".")[0] == "demo"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _is_demo_module(node.value) or node.value.startswith("demo/")
    return False


def _is_demo_module(name: str) -> bool:
    return name == "klimakreise.demo" or name.startswith("klimakreise.demo.")


def test_production_apps_hold_no_demo_code():
    apps = production_apps()
    assert {app.name for app in apps} >= {"registrations", "circles", "boards", "results"}
    assert [name for app in apps for name in demo_files(app)] == []
    assert [place for app in apps for place in demo_references(app)] == []


def test_the_scan_finds_demo_code_left_in_an_app(tmp_path):
    app = tmp_path / "results"
    (app / "templates" / "results" / "demo").mkdir(parents=True)
    for package in (tmp_path, app):
        (package / "__init__.py").write_text("")
    (app / "demo_content.py").write_text("TALKS = []\n")
    (app / "views.py").write_text(
        "import importlib\n"
        "from klimakreise.demo.loader import local\n"
        "from klimakreise import demo\n"
        "from ..demo import data\n"
        'HOOK = importlib.import_module("klimakreise.demo.results")\n'
        'TEMPLATE = "demo/slides.html"\n'
        'OTHER = "results/page.html"\n'
    )

    assert [path.name for path in production_apps(tmp_path)] == ["results"]
    assert demo_files(app) == ["results/demo_content.py", "results/templates/results/demo"]
    assert demo_references(app) == [f"results/views.py:{line}" for line in (2, 3, 4, 5, 6)]


def demo_parts() -> list[str]:
    return sorted(
        f"klimakreise.demo.{module.name}"
        for module in pkgutil.iter_modules(klimakreise.demo.__path__)
        if not module.ispkg and module.name not in {"apps", "loader"}
    )


@pytest.mark.parametrize("part", demo_parts())
def test_a_part_that_cannot_be_imported_stops_the_demo_command(part, monkeypatch):
    # Import every demo module afresh, with `part` failing as a module with an error would.
    for name in [name for name in sys.modules if name.startswith("klimakreise.demo.")]:
        monkeypatch.delitem(sys.modules, name)
        monkeypatch.delattr(klimakreise.demo, name.split(".")[2], raising=False)
    monkeypatch.setitem(sys.modules, part, None)

    with pytest.raises(ModuleNotFoundError) as error:
        call_command("load_demo", stdout=StringIO())
    assert error.value.name == part

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("klimakreise.demo.loader")


def test_the_broken_part_test_covers_the_parts():
    assert {"klimakreise.demo.editions", "klimakreise.demo.results"} <= set(demo_parts())
