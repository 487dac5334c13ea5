"""Provenance in words: why two claims are not independent, the derivations from one source up to another,
and a long chain shortened in the middle (what refusals, the checks and the views say)."""

from __future__ import annotations

from app.provenance.graph import ProvenanceGraph


def dependence_note(g: ProvenanceGraph, a: int, b: int) -> str:
    """Why claims ``a`` and ``b`` are not independent: what they come down to, and how each got there."""
    common = g.origins(a) & g.origins(b)
    ca, cb = g.facts.claims[a], g.facts.claims[b]
    if len(common) == 1:
        what = g.short(next(iter(common)))
    elif ca.actor_id is not None and ca.actor_id == cb.actor_id:
        what = f"one speaker, {ca.speaker}"
    else:
        node = g.shared(a, b)
        what = g.short(node) if node is not None else "one origin"
    chains = [g.chain_text(i) for i in (a, b) if g.depth(i) > 0]
    return f"both come down to {what}" + (f": {'; '.join(chains)}" if chains else "")


def derivation_chain(edges: list[tuple[int, int, str]], start: int, goal: int) -> str:
    """'s5 rewrites s4, s4 quotes s3': the derivations leading from ``start`` up to ``goal``."""
    parents: dict[int, list[tuple[int, str]]] = {}
    for b, a, kind in edges:
        parents.setdefault(b, []).append((a, kind))
    back: dict[int, tuple[int, str]] = {}
    todo = [start]
    seen = {start}
    while todo:
        x = todo.pop(0)
        if x == goal:
            break
        for a, kind in parents.get(x, []):
            if a not in seen:
                seen.add(a)
                back[a] = (x, kind)
                todo.append(a)
    steps = []
    x = goal
    while x in back:
        prev, kind = back[x]
        steps.append(f"s{prev} {kind} s{x}")
        x = prev
    return shortened(list(reversed(steps)), ", ")


def shortened(steps: list[str], sep: str, *, keep: int = 6) -> str:
    """Steps of a chain joined, the middle of a long one left out ('c9 reported from c8 ... (1,480 more)')."""
    if len(steps) <= keep + 2:
        return sep.join(steps)
    head, tail = steps[: keep // 2], steps[-(keep // 2) :]
    return f"{sep.join(head)}{sep}... ({len(steps) - keep:,} more){sep}{sep.join(tail)}"
