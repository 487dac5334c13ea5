"""The provenance graph over loaded facts: origins, hearsay depth and independence. No database here.

A claim came from somewhere else when
- it is *reported from* another claim ("according to the ministry, ..."): the hop leads to that claim, or to
  an original that did not survive (a *lost* node, named after whoever it came from);
- its source *derives from* another source: the hop leads to the claim of the earlier source that says the
  same thing (same speaker, or near-identical words). When the earlier source has no such claim recorded, a
  whole-content derivation (rewrites, translates, reposts) still carries the claim: the hop leads to the
  earlier source itself (a *source* node), and on up its own chain; a partial one (quotes, cites) carries
  only what matches.

The *origins* of a claim are the nodes at the end of every path (a claim that came from nowhere else is its
own origin). The *hearsay depth* is the longest path in hops (0: first hand). Two claims are *independent*
when their origins share nothing: no claim, no speaker, no source (for content nobody is named for).

Every walk is iterative and remembers what it has done, so any library (a chain of thousands of hops, or a
loop the matching of words would make) gives an answer in time proportional to its size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from app._patterns import LazyPattern
from app._text import norm_key
from app.domain import ClaimRecord, DerivationKind

if TYPE_CHECKING:
    from app.provenance_records import ClaimOrigins, ProvenanceHop, ProvenanceNode

    pass

# A node while computing: ("c", claim_id, 0), ("s", source_id, content_claim_id), ("p", reporting_claim_id, 0).
Node = tuple[str, int, int]
# What an origin is, for independence: ("claim", id), ("actor", id), ("source", id), ("lost", claim id),
# ("speaker", normalised name).
Token = tuple[str, int | str]
Place = tuple[str, int]

# Words that make two statements the same one (the rest are too common to tell).
_WORD_RE = LazyPattern(r"[^\W_]+", re.UNICODE)
_ASCII_WORD_RE = LazyPattern(r"[a-z0-9]+")
_STOP_WORDS = (
    "a an the of to in on and or that this is was be by for with at as it its from has have had will would "
    "said says say told not no"
)
_STOP = frozenset(_STOP_WORDS.split())
MATCH_UNATTRIBUTED = 0.6  # word overlap for a claim to match one with no speaker (or either unattributed)
MATCH_OTHER_SPEAKER = 0.8  # ... one recorded under another speaker (a rewrite that renamed the speaker)

# Names that do not identify one speaker: two originals so named are not known to be the same.
_ANONYMOUS_RE = LazyPattern(
    r"^(?:a|an|one|some|several|two|three|four|five|many|other|unnamed|anonymous|unidentified|"
    r"no\s+surviving\s+original)\b|\b(?:sources|officials|people|residents|witnesses)\b|^$",
    re.I,
)

RELATION_PHRASE = {
    "reported from": "reported from",
    "rewrites": "rewritten from",
    "quotes": "quoted from",
    "translates": "translated from",
    "reposts": "reposted from",
    "cites": "cited from",
}


def words(text: str) -> frozenset[str]:
    if text.isascii():  # the same words: in ASCII a word character but "_" is a letter or digit
        return frozenset(_ASCII_WORD_RE().findall(text.lower())) - _STOP
    return frozenset(_WORD_RE().findall(text.casefold())) - _STOP


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)  # the union's size counted, not built
    return shared / (len(a) + len(b) - shared)


def anonymous(name: str) -> bool:
    """True for a name that does not single out one speaker ('a Western official', 'diplomatic sources')."""
    return bool(_ANONYMOUS_RE().search(" ".join(name.split())))


class ClaimFacts(NamedTuple):  # a tuple: thousands are made per check, and tuples are made fast
    id: int
    source_id: int
    actor_id: int | None
    speaker: str
    statement: str
    quote: str
    span_start: int = 0
    span_end: int = 0


class SourceFacts(NamedTuple):  # a named tuple, as ClaimFacts: its class is made ~5x faster
    """What the provenance graph says of a source: its id, title and outlet."""

    id: int
    title: str
    outlet: str


class Derivation(NamedTuple):  # the graph's facts are named tuples: their classes are made ~5x faster
    """Source ``source_id`` derives from source ``derived_from_id`` (rewrites, quotes, translates it...)."""

    source_id: int
    derived_from_id: int
    kind: DerivationKind
    created_by: str = ""
    created: dt.datetime | None = None


class Report(NamedTuple):
    """Claim ``claim_id`` reports what claim ``reported_from_id`` said, or an origin named without a claim."""

    claim_id: int
    reported_from_id: int | None
    origin_name: str = ""
    origin_actor_id: int | None = None
    created_by: str = ""
    created: dt.datetime | None = None


class Facts:
    """What the graph reads. ``parents`` must be complete for every source a walk reaches, and
    ``source_claims`` for every source some derivation leads to (the loader sees to it). Filled in place; a
    plain class, made ~10x faster than a dataclass at import (a cold export)."""

    __slots__ = ("claims", "sources", "reports", "parents", "source_claims")

    def __init__(self) -> None:
        self.claims: dict[int, ClaimFacts] = {}
        self.sources: dict[int, SourceFacts] = {}
        self.reports: dict[int, Report] = {}
        self.parents: dict[int, list[Derivation]] = {}
        self.source_claims: dict[int, list[int]] = {}


def facts_from_record(c: ClaimRecord) -> ClaimFacts:
    return ClaimFacts(
        c.id, c.source_id, c.actor_id, c.actor_name, c.statement, c.quote, c.span_start, c.span_end
    )


def facts_from_records(records: Iterable[ClaimRecord]) -> Facts:
    """Facts of claims read already, with no report or derivation: each claim is its own origin (what the
    checks use on records built without a library)."""
    facts = Facts()
    for c in records:
        facts.claims[c.id] = facts_from_record(c)
        if c.source_id not in facts.sources:
            facts.sources[c.source_id] = SourceFacts(c.source_id, c.source_title, c.source_outlet)
    return facts


# _Edge and _Result are named tuples (as ClaimFacts): only a library with provenance records walks them, and a
# named tuple's class is made ~5x faster than a dataclass's when the module is imported (a cold export).
class _Edge(NamedTuple):
    """A step from a claim or source to what it came from, and who recorded it when."""

    child: Node
    relation: str
    via: str
    recorded_by: str
    recorded: dt.datetime | None


class _Result(NamedTuple):
    """A node's origins and its depth (the steps from it to them), remembered per node."""

    origins: frozenset[Node]
    depth: int


class ProvenanceGraph:
    """Origins, depth and independence of claims over ``facts``; results are remembered per node."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._words: dict[int, frozenset[str]] = {}
        self._edges: dict[Node, list[_Edge]] = {}
        self._done: dict[Node, _Result] = {}
        self._match: dict[tuple[int, int], int | None] = {}
        self._tokens: dict[int, frozenset[Token]] = {}
        self._origins: dict[int, frozenset[Node]] = {}
        self._origin_tokens: dict[Node, frozenset[Token]] = {}
        self._places: dict[int, frozenset[Place]] = {}

    # --- matching a claim in an earlier source -------------------------------------------------------
    def _claim_words(self, c: ClaimFacts) -> frozenset[str]:
        got = self._words.get(c.id)
        if got is None:  # one pass over both texts (a space between them keeps their words apart)
            got = self._words[c.id] = words(f"{c.statement} {c.quote}" if c.quote else c.statement)
        return got

    def match(self, content: ClaimFacts, source_id: int) -> ClaimFacts | None:
        """The claim of ``source_id`` that says what ``content`` says: by the same speaker (the closest in
        words if several), else near-identical in words."""
        key = (content.id, source_id)
        if key in self._match:
            found = self._match[key]
            return None if found is None else self.facts.claims[found]
        best: tuple[float, int, int] | None = None
        mine = self._claim_words(content)
        for cid in self.facts.source_claims.get(source_id, ()):
            other = self.facts.claims.get(cid)
            if other is None or other.id == content.id:
                continue
            sim = similarity(mine, self._claim_words(other))
            if content.actor_id is not None and other.actor_id == content.actor_id:
                score = 1.0 + sim
            elif content.actor_id is not None and other.actor_id is not None:
                score = sim if sim >= MATCH_OTHER_SPEAKER else -1.0
            else:
                score = sim if sim >= MATCH_UNATTRIBUTED else -1.0
            if score < 0:
                continue
            cand = (score, -other.span_start, -other.id)
            if best is None or cand > best:
                best = cand
        result = None if best is None else -best[2]
        self._match[key] = result
        return None if result is None else self.facts.claims[result]

    def _reaches_match(self, content: ClaimFacts, source_id: int) -> bool:
        """Whether a claim matching ``content`` is in ``source_id`` or above it along whole-content links."""
        seen = {source_id}
        todo = [source_id]
        while todo:
            sid = todo.pop()
            if self.match(content, sid) is not None:
                return True
            for d in self.facts.parents.get(sid, ()):
                if d.kind.whole and d.derived_from_id not in seen:
                    seen.add(d.derived_from_id)
                    todo.append(d.derived_from_id)
        return False

    # --- edges ---------------------------------------------------------------------------------------
    def _derivation_edges(self, content: ClaimFacts, source_id: int) -> list[_Edge]:
        parents = self.facts.parents.get(source_id)
        if not parents:  # most sources derive from none
            return []
        out = []
        for d in parents:
            m = self.match(content, d.derived_from_id)
            if m is not None:
                child: Node = ("c", m.id, 0)
            elif d.kind.whole or self._reaches_match(content, d.derived_from_id):
                child = ("s", d.derived_from_id, content.id)
            else:
                continue  # quoted or cited in part, and not this claim
            via = f"s{d.source_id} {d.kind.value} s{d.derived_from_id}"
            out.append(_Edge(child, d.kind.value, via, d.created_by, d.created))
        return out

    def edges(self, node: Node) -> list[_Edge]:
        got = self._edges.get(node)
        if got is not None:
            return got
        out: list[_Edge] = []
        if node[0] == "c":
            c = self.facts.claims.get(node[1])
            if c is not None:
                r = self.facts.reports.get(c.id)
                if r is not None:
                    if r.reported_from_id is not None and r.reported_from_id in self.facts.claims:
                        child: Node = ("c", r.reported_from_id, 0)
                    else:
                        child = ("p", c.id, 0)
                    out.append(_Edge(child, "reported from", "", r.created_by, r.created))
                out.extend(self._derivation_edges(c, c.source_id))
        elif node[0] == "s":
            content = self.facts.claims.get(node[2])
            if content is not None:
                out.extend(self._derivation_edges(content, node[1]))
        self._edges[node] = out
        return out

    # --- origins and depth ---------------------------------------------------------------------------
    def result(self, node: Node) -> _Result:
        """Origins and depth of ``node``: depth-first without recursion; an edge back into the path being
        walked (a loop) is left out."""
        done = self._done
        got = done.get(node)
        if got is not None:
            return got
        first = self.edges(node)
        if not first:  # most claims came from nowhere else: their own origin, first hand
            got = done[node] = _Result(frozenset((node,)), 0)
            return got
        on_path: set[Node] = {node}
        stack: list[tuple[Node, list[_Edge], int]] = [(node, first, 0)]
        while stack:
            current, edges, i = stack[-1]
            if i < len(edges):
                stack[-1] = (current, edges, i + 1)
                child = edges[i].child
                if child in done or child in on_path:
                    continue
                if child[0] == "c" and self._first_hand(child[1]) is not None:  # an end: no edges to walk
                    done[child] = _Result(frozenset((child,)), 0)
                    continue
                on_path.add(child)
                stack.append((child, self.edges(child), 0))
                continue
            stack.pop()
            on_path.discard(current)
            kids = [done[e.child] for e in edges if e.child in done]
            if not kids:
                done[current] = _Result(frozenset((current,)), 0)
            else:
                origins: set[Node] = set()
                for k in kids:
                    origins |= k.origins
                done[current] = _Result(frozenset(origins), 1 + max(k.depth for k in kids))
        return done[node]

    def _first_hand(self, claim_id: int) -> ClaimFacts | None:
        """The claim, when it came from nowhere else: not reported from anyone, its source derived from
        none (so it has no edge, and is its own origin); else None. Most claims are so, and skip the walk."""
        f = self.facts
        c = f.claims.get(claim_id)
        if c is None or claim_id in f.reports or f.parents.get(c.source_id):
            return None
        return c

    def came_from_elsewhere(self, claim_id: int) -> bool:
        """Whether the claim (one in the facts) has an edge: reported from someone, or carried by a
        derivation of its source. Claims without one are their own origin."""
        return claim_id in self.facts.claims and (
            self._first_hand(claim_id) is None and bool(self.edges(("c", claim_id, 0)))
        )

    def origins(self, claim_id: int) -> frozenset[Node]:
        got = self._origins.get(claim_id)
        if got is None:
            node = ("c", claim_id, 0)
            if self._first_hand(claim_id) is not None:
                got = self._origins[claim_id] = frozenset((node,))
            else:
                got = self._origins[claim_id] = self.result(node).origins
        return got

    def depth(self, claim_id: int) -> int:
        if self._first_hand(claim_id) is not None:
            return 0
        return self.result(("c", claim_id, 0)).depth

    def traced(self, claim_id: int) -> bool:
        """Whether the claim came from somewhere else (is not simply its own origin)."""
        return bool(self.edges(("c", claim_id, 0))) and self.origins(claim_id) != {("c", claim_id, 0)}

    # --- independence --------------------------------------------------------------------------------
    def origin_tokens(self, origin: Node) -> frozenset[Token]:
        """What an origin is: its claim, its speaker (or its source, for content nobody is named for)."""
        got = self._origin_tokens.get(origin)
        if got is None:
            got = self._origin_tokens[origin] = self._origin_tokens_of(origin)
        return got

    def _origin_tokens_of(self, origin: Node) -> frozenset[Token]:
        f = self.facts
        if origin[0] == "c":
            c = f.claims[origin[1]]
            who = ("actor", c.actor_id) if c.actor_id is not None else ("source", c.source_id)
            return frozenset((("claim", c.id), who))
        if origin[0] == "s":
            content = f.claims.get(origin[2])
            if content is not None and content.actor_id is not None:
                return frozenset((("actor", content.actor_id),))
            return frozenset((("source", origin[1]),))
        r = f.reports.get(origin[1])
        out: set[Token] = {("lost", origin[1])}
        if r is not None:
            if r.origin_actor_id is not None:
                out.add(("actor", r.origin_actor_id))
            elif not anonymous(r.origin_name):
                out.add(("speaker", norm_key(r.origin_name)))
        return frozenset(out)

    def tokens(self, claim_id: int) -> frozenset[Token]:
        got = self._tokens.get(claim_id)
        if got is None:
            c = self._first_hand(claim_id)
            if c is not None:  # its own origin: what _origin_tokens_of gives for it
                who = ("actor", c.actor_id) if c.actor_id is not None else ("source", c.source_id)
                got = self._tokens[claim_id] = frozenset((("claim", c.id), who))
                return got
            origins = self.origins(claim_id)
            if len(origins) == 1:
                got = self.origin_tokens(next(iter(origins)))
            else:
                out: set[Token] = set()
                for o in origins:
                    out |= self.origin_tokens(o)
                got = frozenset(out)
            self._tokens[claim_id] = got
        return got

    def independent(self, a: int, b: int) -> bool:
        return not (self.tokens(a) & self.tokens(b))

    def groups(self, claim_ids: Iterable[int]) -> list[list[int]]:
        """The claims grouped so that claims in different groups are independent (shared origin, speaker
        or source joins them, also through a third claim)."""
        ids = [i for i in dict.fromkeys(claim_ids) if i in self.facts.claims]
        parent = {i: i for i in ids}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[Token, int] = {}
        for i in ids:
            for t in self.tokens(i):
                j = owner.get(t)
                if j is None:
                    owner[t] = i
                elif find(i) != find(j):
                    parent[find(i)] = find(j)
        out: dict[int, list[int]] = {}
        for i in ids:
            out.setdefault(find(i), []).append(i)
        return list(out.values())

    def origin_groups(self, origins: Iterable[Node]) -> list[list[Node]]:
        """Origins grouped the same way: each group is one independent origin."""
        nodes = list(dict.fromkeys(origins))
        parent = list(range(len(nodes)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[Token, int] = {}
        for n, o in enumerate(nodes):
            for t in self.origin_tokens(o):
                j = owner.get(t)
                if j is None:
                    owner[t] = n
                elif find(n) != find(j):
                    parent[find(n)] = find(j)
        out: dict[int, list[Node]] = {}
        for n, o in enumerate(nodes):
            out.setdefault(find(n), []).append(o)
        return list(out.values())

    # --- presenting ----------------------------------------------------------------------------------
    @staticmethod
    def key(node: Node) -> str:
        return {"c": "c", "s": "s", "p": "p"}[node[0]] + str(node[1])

    def node_record(self, node: Node, *, origin: bool = False) -> ProvenanceNode:
        from app.provenance_records import ProvenanceNode

        f = self.facts
        if node[0] == "c":
            c = f.claims[node[1]]
            src = f.sources.get(c.source_id)
            return ProvenanceNode(
                key=self.key(node),
                kind="claim",
                id=c.id,
                speaker=c.speaker,
                source_id=c.source_id,
                source_title=src.title if src else "",
                source_outlet=src.outlet if src else "",
                statement=c.statement,
                span_start=c.span_start,
                span_end=c.span_end,
                origin=origin,
            )
        if node[0] == "s":
            src = f.sources.get(node[1])
            content = f.claims.get(node[2])
            return ProvenanceNode(
                key=self.key(node),
                kind="source",
                id=node[1],
                speaker=content.speaker if content else "",
                source_id=node[1],
                source_title=src.title if src else "",
                source_outlet=src.outlet if src else "",
                origin=origin,
            )
        r = f.reports.get(node[1])
        return ProvenanceNode(
            key=self.key(node),
            kind="lost",
            id=None,
            speaker=(r.origin_name if r else "") or "",
            source_id=None,
            source_title="",
            source_outlet="",
            origin=origin,
        )

    def claim_origins(self, claim_id: int) -> ClaimOrigins:
        """The claim's whole chain for a view: every node and hop back to its origins."""
        from app.provenance_records import ClaimOrigins, ProvenanceHop

        start: Node = ("c", claim_id, 0)
        res = self.result(start)
        order: list[Node] = [start]
        seen_keys = {self.key(start)}
        hops: list[ProvenanceHop] = []
        seen_hops: set[tuple[str, str]] = set()
        todo = [start]
        visited = {start}
        while todo:
            node = todo.pop(0)
            for e in self.edges(node):
                if e.child not in self._done:
                    continue  # an edge the walk left out (it closed a loop)
                pair = (self.key(node), self.key(e.child))
                if pair[0] != pair[1] and pair not in seen_hops:
                    seen_hops.add(pair)
                    hops.append(ProvenanceHop(pair[0], pair[1], e.relation, e.via, e.recorded_by, e.recorded))
                if e.child not in visited:
                    visited.add(e.child)
                    todo.append(e.child)
                    if self.key(e.child) not in seen_keys:
                        seen_keys.add(self.key(e.child))
                        order.append(e.child)
        origin_keys = {self.key(o) for o in res.origins}
        nodes = tuple(self.node_record(n, origin=self.key(n) in origin_keys) for n in order)
        groups = self.origin_groups(sorted(res.origins, key=self.key))
        independent = tuple(tuple(dict.fromkeys(self.key(o) for o in g)) for g in groups)
        return ClaimOrigins(
            claim_id=claim_id,
            nodes=nodes,
            hops=tuple(hops),
            origins=tuple(sorted(origin_keys, key=_key_order)),
            depth=res.depth,
            independent=independent,
        )

    def path(self, claim_id: int, origin: Node | None = None) -> list[tuple[Node, _Edge | None]]:
        """The longest path from the claim to ``origin`` (to its deepest origin when None): a list of
        (node, the edge that led to it) starting with (claim, None)."""
        start: Node = ("c", claim_id, 0)
        self.result(start)
        path: list[tuple[Node, _Edge | None]] = [(start, None)]
        node = start
        seen = {start}
        while True:
            best: tuple[int, _Edge] | None = None
            for e in self.edges(node):
                r = self._done.get(e.child)
                if r is None or e.child in seen:
                    continue
                if origin is not None and origin not in r.origins:
                    continue
                if best is None or r.depth > best[0]:
                    best = (r.depth, e)
            if best is None:
                return path
            node = best[1].child
            seen.add(node)
            path.append((node, best[1]))

    def chain_text(self, claim_id: int, origin: Node | None = None) -> str:
        """'c9 (Kessel Daily), rewritten from c2 (Northwire), reported from c1 (Ministry of Defence)'."""
        parts = []
        for node, edge in self.path(claim_id, origin):
            label = self.short(node)
            parts.append(
                label if edge is None else f"{RELATION_PHRASE.get(edge.relation, edge.relation)} {label}"
            )
        return ", ".join(parts)

    def short(self, node: Node) -> str:
        """'c1 (Jake Sullivan, White House)', 's3 (Northwire)', 'a Western official (no surviving original)'."""
        rec = self.node_record(node)
        if rec.kind == "lost":
            return f"{rec.speaker or 'an unnamed source'} (no surviving original)"
        where = rec.source_outlet or rec.source_title
        if rec.kind == "source":
            return f"s{rec.id} ({where})" if where else f"s{rec.id}"
        who = rec.speaker
        if who and where and who != where:
            return f"{rec.key} ({who}, {where})"
        return f"{rec.key} ({who or where})" if (who or where) else rec.key

    def origin_ids(self, claim_id: int) -> frozenset[Place]:
        """The claim's origins as places: a source's content counts as one place whichever claim carried it
        there (two unattributed rewrites of one wire story end at the same place)."""
        got = self._places.get(claim_id)
        if got is None:
            got = self._places[claim_id] = frozenset((o[0], o[1]) for o in self.origins(claim_id))
        return got

    def same_origin(self, a: int, b: int) -> bool:
        """Whether two claims end at one origin: repeats of one statement, however many hands apart."""
        return bool(self.origin_ids(a) & self.origin_ids(b))

    def shared(self, a: int, b: int) -> Node | None:
        """An origin both claims rest on (or whose speaker or source both rest on), for a message."""
        common = self.tokens(a) & self.tokens(b)
        if not common:
            return None
        for o in sorted(self.origins(a), key=self.key):
            if self.origin_tokens(o) & common:
                return o
        return None


def _key_order(key: str) -> tuple[str, int]:
    return key[0], int(key[1:]) if key[1:].isdigit() else 0
