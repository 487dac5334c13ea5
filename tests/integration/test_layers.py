"""The shape of the code: no module imports itself back through others (type-only imports count too)."""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph, roots: tuple[str, ...]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's algorithm)."""
    modules = sorted(m for m in graph.modules if m.startswith(roots))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if not w.startswith(roots):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for m in modules:
        if m not in index:
            visit(m)
    return groups


def test_no_import_circles_in_app_or_ui():
    """Every import counts, at module level or inside a function, type-only too: a package that re-exports
    its submodules' names must not be imported back by them (they import each other's modules directly)."""
    graph = grimp.build_graph("app", "ui", cache_dir=None)
    assert _cycles(graph, ("app", "ui")) == []


def test_the_cycle_finder_finds_a_circle_through_a_package(tmp_path, monkeypatch):
    """The finder itself: a package re-exporting a submodule that imports the package back is a circle (the
    shape app.export had), a lazy import inside a function included; a one-way import is not."""
    pkg = tmp_path / "circ"
    (pkg / "one").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "one" / "__init__.py").write_text("from circ.one.impl import f\n")
    (pkg / "one" / "impl.py").write_text("def f():\n    from circ.one import f as g\n    return g\n")
    (pkg / "two.py").write_text("from circ.one.impl import f\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circ", cache_dir=None)
    assert _cycles(graph, ("circ",)) == [["circ.one", "circ.one.impl"]]


def test_no_comment_points_at_an_issue_number_or_a_file_outside_the_repository():
    """Code and docs explain themselves: no '(issue 12)', '#12' or a path to notes outside the repository.
    (bench/RESULTS.md is a dated record of measurements and may name what each was for.)"""
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pointer = re.compile(
        r"\bissues? ?#?\d+|\(#\d+\)|\.\./shared|/work/|shared/reference|\b(?:STANDARDS|STYLE|INTEROP)\.md"
    )
    files = subprocess.run(
        ["git", "ls-files", "app", "ui", "tests", "bench", "scripts", "docs", "resources", "README.md", "build.spec"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    this = Path(__file__).resolve().relative_to(root).as_posix()
    found = []
    for name in files:
        if (
            name == this
            or name == "bench/RESULTS.md"
            or not name.endswith((".py", ".md", ".txt", ".spec", ".sh"))
        ):
            continue
        for n, line in enumerate((root / name).read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pointer.search(line):
                found.append(f"{name}:{n}: {line.strip()[:100]}")
    assert found == []


def test_every_type_ignore_in_app_names_its_error_and_says_why():
    """mypy is strict over all of app/; where it is told to look away, the line says which error and why
    (``# type: ignore[code]  # reason``), so a reader can judge whether it still holds."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    explained = re.compile(r"#\s*type:\s*ignore\[[-a-z, ]+\]\s+#\s*\S")
    found = [
        f"{path.relative_to(root)}:{n}: {line.strip()}"
        for path in sorted((root / "app").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#\s*type:\s*ignore", line) and not explained.search(line)
    ]
    assert found == []


def test_no_module_in_app_or_ui_is_over_700_lines():
    """A room a newcomer can read: a module that outgrows 700 lines is split along its seams."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    long = {
        str(p.relative_to(root)): n
        for folder in ("app", "ui")
        for p in (root / folder).rglob("*.py")
        if "migrations" not in p.parts and (n := len(p.read_text(encoding="utf-8").splitlines())) > 700
    }
    assert long == {}
