"""The structure holds: modules stay small, and no function imports an app above its own.

`lint-imports` (pyproject.toml) checks the layers over every import; these tests add what it
does not say in so many words: the size limit, and that no import hides inside a function to
dodge the layers (import-linter counts those too, but a lazy import is also how a cycle gets
papered over, so we forbid the pattern itself, including `import_module("app.module")`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MAX_LINES = 500
# Layers, lowest first, as in pyproject.toml's import-linter contract. The top layer's apps are
# independent of each other.
LAYERS: dict[str, int] = {
    "core": 0,
    "meetings": 1,
    "scrutiny": 2,
    "governance": 3,
    "grants": 3,
    "imports": 3,
    "national": 3,
    "api": 4,
    "opendata": 4,
    "bench": 4,
}
# An app's name, a module in it ("scrutiny.demo"), a template ("grants/_home.html"), a URL name.
ABOVE_CORE = re.compile(rf"({'|'.join(app for app in LAYERS if app != 'core')})([.:/].*)?", re.S)
# Not ours, or not Python we maintain by hand.
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "static",
    "staticfiles",
    "build",
    "migrations",
    "__pycache__",
}


def _python_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part in SKIPPED_DIRS or part.endswith(".egg-info") for part in parts):
            continue
        yield path


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_500_lines():
    assert ROOT / "core" / "lifecycle.py" in set(_python_files())  # the walk sees the apps
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _python_files()
        if (lines := _line_count(path)) > MAX_LINES
    }
    assert not too_long, f"Modules over {MAX_LINES} lines (split them by responsibility): " + (
        ", ".join(f"{name} ({lines})" for name, lines in sorted(too_long.items()))
    )


def _imported_packages(node: ast.AST) -> Iterator[str]:
    """Top-level packages that an import statement, or `import_module("...")`, brings in."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name.partition(".")[0]
    elif isinstance(node, ast.ImportFrom):
        if node.level == 0 and node.module:  # relative imports stay inside the package
            yield node.module.partition(".")[0]
    elif isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if (
            name == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value.partition(".")[0]


def _function_level_imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, package) of every import inside a function, however deeply nested."""
    seen: set[int] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom | ast.Call) or id(node) in seen:
                continue
            seen.add(id(node))
            for package in _imported_packages(node):
                yield node.lineno, package


def _is_above(imported: str, own: str) -> bool:
    """Whether `own` may not import `imported`: a higher layer, or a sibling in its layer."""
    if imported == own or imported not in LAYERS:
        return False
    return LAYERS[imported] >= LAYERS[own]


def lazy_imports_against_the_layers() -> list[str]:
    found = []
    for path in _python_files():
        relative = path.relative_to(ROOT)
        own = relative.parts[0]
        if own not in LAYERS:  # tests/, config/ (the composition root), scripts/, manage.py
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        for line, package in _function_level_imports(tree):
            if _is_above(package, own):
                found.append(f"{relative}:{line} imports {package} ({own} is below it)")
    return found


def test_no_function_imports_an_app_above_its_own():
    found = lazy_imports_against_the_layers()
    assert not found, "Imports inside functions against the layers (move them, or the code): " + (
        "; ".join(found)
    )


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, nodes)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def test_core_names_no_app_above_it():
    """Not even as a string (`import_module("scrutiny.demo")`, "grants/_home.html"):
    core finds what the apps contribute through core.discovery."""
    found = []
    read = 0
    for path in sorted((ROOT / "core").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        read += 1
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and ABOVE_CORE.fullmatch(node.value)
            ):
                found.append(f"{relative}:{node.lineno} {node.value!r}")
    assert read > 20, "the check read almost none of core"
    assert not found, "core names apps above it: " + "; ".join(found)


def test_the_lazy_import_check_sees_each_kind_of_import():
    tree = ast.parse(
        "import scrutiny.models\n"
        "def f():\n"
        "    import grants.models\n"
        "    from scrutiny.selectors import x\n"
        "    from . import sibling\n"
        "    from core.models import y\n"
        "    def g():\n"
        "        return importlib.import_module('governance.services')\n"
    )
    packages = [package for _, package in _function_level_imports(tree)]
    assert sorted(packages) == ["core", "governance", "grants", "scrutiny"]
    assert [p for p in packages if _is_above(p, "meetings")] == ["grants", "scrutiny", "governance"]
    assert _is_above("imports", "grants")
    assert not _is_above("meetings", "scrutiny")
    assert not _is_above("grants", "grants")
