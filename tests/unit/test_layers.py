"""Dependencies point inward (docs/design.md, docs/conventions.md §1), checked by reading every import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STDLIB = set(sys.stdlib_module_names)


def _modules(package: str) -> list[Path]:
    path = ROOT / package
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _offending(package: str, allowed: callable) -> list[str]:  # type: ignore[valid-type]
    return [f"{path.relative_to(ROOT)} imports {name}"
            for path in _modules(package) for name in sorted(_imports(path)) if not allowed(name)]


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    assert _modules("app/domain")
    assert _offending("app/domain", lambda n: n.split(".")[0] in STDLIB or n.startswith("app.domain")) == []


@pytest.mark.parametrize("package", ["app/store", "app/security", "app/bands", "app/services", "sync"])
def test_no_qt_outside_the_ui(package: str) -> None:
    assert _offending(package, lambda n: not n.startswith(("PySide6", "app.ui"))) == []


@pytest.mark.parametrize("module", ["app/bugreport.py",
                                    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "app/cli").glob("*.py"))),
                                    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "app/services").glob("*.py")))])
def test_services_and_cli_do_not_import_qt_at_module_level(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text())
    top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = {a.name for n in top_level if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in top_level if isinstance(n, ast.ImportFrom)}
    assert not [n for n in names if n.startswith(("PySide6", "app.ui"))]


SQL_MODULES = ("sqlalchemy", "sqlcipher3", "sqlite3", "app.store.engine", "app.store.schema",
               "app.store.changelog", "app.store.queries")


def test_ui_never_touches_sql() -> None:
    assert _offending("app/ui", lambda n: not n.startswith(SQL_MODULES)) == []


def test_sync_never_imports_the_ui() -> None:
    assert _offending("sync", lambda n: not n.startswith("app.ui")) == []


# The arrows of docs/architecture.md's table that point nowhere: what each part never imports (anywhere in
# the module, also inside a function).
NEVER = {
    "app/files.py": ("app", "sync"),
    "app/bands": ("app.store", "app.services", "app.security", "app.ui", "app.cli", "sync"),
    "app/photos.py": ("app.store", "app.services", "app.security", "app.ui", "app.cli", "sync"),
    "app/security": ("app.store", "app.services", "app.bands", "app.ui", "app.cli", "sync"),
    "app/store": ("app.services", "app.ui", "app.cli", "sync"),
    "app/services": ("app.ui", "app.cli", "sync.registry"),
    "app/ui": ("sync", "app.cli"),
    "sync/protocol.py": ("app.store", "app.services", "app.ui", "app.cli"),
    "sync/client.py": ("app.store", "app.services", "app.ui", "app.cli"),
    "sync/registry": ("app.store", "app.services", "app.ui", "app.cli"),
}


def _is_under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("part", sorted(NEVER))
def test_each_part_keeps_to_its_room(part: str) -> None:
    assert _modules(part)
    assert _offending(part, lambda n: not _is_under(n, NEVER[part])) == []


def test_the_room_check_sees_a_wrong_arrow(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from app.store import engine\n    import sync.client\n")
    assert _imports(planted) == {"app.store", "sync.client"}
    assert [n for n in _imports(planted) if _is_under(n, NEVER["app/security"])] != []
