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
    graph = grimp.build_graph("app", "ui", cache_dir=None)
    known = [  # being untangled in app/export (the export walk); no new ones
        ["app.export", "app.export.docx", "app.export.service"],
    ]
    assert [g for g in _cycles(graph, ("app.", "ui.")) if g not in known] == []
