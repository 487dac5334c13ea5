"""The preview's incremental render (``app.export.html_blocks``) shows exactly what a whole render shows: after
each of a few hundred random edits to a realistic brief (characters typed and deleted anywhere, citations
added before others and removed, duplicate headings, link reference definitions and abbreviations added and
removed, fences opened and closed, long runs of brackets), its HTML equals ``render_html``'s; and a
keystroke renders only the block it changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import re

import pytest

from app.brief_model import render as render_mod
from app.domain import BriefRecord, ClaimRecord
from app.export import render_html
from app.export.html_blocks import BlockRenderer
from tests.app.export.records import brief_record, claim_record

NOW = dt.datetime(2026, 4, 2, 8, 30)
WORDS = [
    "the",
    "convoy",
    "crossed",
    "at",
    "dawn",
    "while",
    "port",
    "officials",
    "denied",
    "any",
    "delay",
    "and",
    "the",
    "ministry",
    "said",
    "inspections",
    "would",
    "resume",
    "after",
    "the",
    "storm",
    "passed",
    "over",
    "the",
    "northern",
    "terminal",
]
CITED = range(1, 31)  # claims the library holds; c90-c99 are cited but unknown (shown as missing)


def _brief(body: str, title: str = "Northern terminal outlook", marking: str = "U") -> BriefRecord:
    return brief_record(
        body,
        brief_id=11,
        title=title,
        marking=marking,
        author="T. Okafor",
        organisation="Ports desk",
        now=NOW,
    )


def _claim(i: int) -> ClaimRecord:
    return claim_record(
        i,
        source_id=2,
        source_title=f"Terminal bulletin {i}",
        source_outlet="Harbour Ledger",
        source_published=dt.date(2026, 3, 1),
        source_reliability="C",
        actor_id=4,
        actor_name="Ines Marlow",
        actor_role="terminal director",
        statement="Inspections resume on Monday.",
        said=dt.date(2026, 2, 27),
        credibility=3,
        created=NOW,
        updated=NOW,
        source_url=f"https://example.org/ledger/{i}",
        source_accessed=dt.date(2026, 3, 2),
    )


RESOLVER = {f"c{i}": _claim(i) for i in CITED}


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _cite(rng: random.Random) -> str:
    keys = [f"@c{rng.choice([*CITED, 95])}" for _ in range(rng.choice((1, 1, 1, 2)))]
    return " [" + "; ".join(keys) + "]"


def realistic_body(rng: random.Random, sections: int = 6, defines: bool = True) -> str:
    """Headings (some repeated), paragraphs citing claims (some unknown), lists, a table, a quote holding a
    heading, fenced code holding a citation, a link reference and an abbreviation used, an image."""
    out = ["(U) Bottom line: the BLUF terminal stays shut [@c1].", "*[BLUF]: bottom line up front"][
        : 1 + defines
    ]
    for s in range(sections):
        out.append(f"## {'Assessment' if s % 2 else f'Part {s}'}")
        for _ in range(rng.randint(2, 4)):
            out.append(
                _words(rng, rng.randint(8, 30)).capitalize()
                + (_cite(rng) if rng.random() < 0.6 else "")
                + "."
            )
        kind = s % 5
        if kind == 0:
            out.append("\n".join(f"- {_words(rng, 5)}{_cite(rng)}" for _ in range(3)))
        elif kind == 1:
            out.append(
                "| Berth | Status |\n|---|:-:|\n"
                + "\n".join(f"| B{k} | {_words(rng, 2)}{_cite(rng)} |" for k in range(3))
            )
        elif kind == 2:
            out.append(f"> ### Assessment\n> {_words(rng, 9)}{_cite(rng)}")
        elif kind == 3:
            out.append(f"```\nlog [@c{rng.choice(CITED)}] {_words(rng, 4)}\n```")
        else:
            out.append(f"See the [ledger][led] for {_words(rng, 6)}.")
            out.append(f"![berth map](maps/berth.png) {_words(rng, 3)}")
    if defines:  # (without a definition, the renderer reuses the model's block tree)
        out.append("[led]: https://example.org/ledger")
    return "\n\n".join(out) + "\n"


EDITS = (
    "type",
    "delete",
    "cite",
    "uncite",
    "heading",
    "ref",
    "unref",
    "abbr",
    "fence",
    "brackets",
    "unbrackets",
    "unbrackets",
    "newline",
    "paragraph",
    "drop",
    "swap",
    "undefine",
)


def _edit(body: str, rng: random.Random) -> str:
    kind = rng.choice(EDITS)
    at = rng.randrange(len(body) + 1)
    if kind == "type":
        return body[:at] + rng.choice(["x", " ", "*", "`", "#", "-", "|", ">", ":", "_", "~~"]) + body[at:]
    if kind == "delete":
        n = rng.choice((1, 1, 3, 20))
        return body[:at] + body[at + n :]
    if kind == "cite":  # most often near the top: every later note number moves
        at = rng.randrange(min(len(body), 400) + 1) if rng.random() < 0.6 else at
        at = body.rfind(" ", 0, at) + 1 or at
        return body[:at] + f"[@c{rng.choice([*CITED, 91])}] " + body[at:]
    if kind == "uncite":
        starts = [i for i in range(len(body)) if body.startswith("[@", i)]
        if not starts:
            return body
        i = rng.choice(starts[: max(1, len(starts) // 3)] if rng.random() < 0.5 else starts)
        end = body.find("]", i)
        return body[:i] + body[end + 1 :] if end > 0 else body
    if kind == "heading":
        at = body.rfind("\n\n", 0, at) + 2 if "\n\n" in body[:at] else 0
        return (
            body[:at]
            + rng.choice(["## Assessment", "## Part 1", "# ", "### Assessment_1"])
            + "\n\n"
            + body[at:]
        )
    if kind == "ref":
        return body + rng.choice(["\n[led]: https://example.org/other\n", "\n[map]: https://example.org/m\n"])
    if kind == "unref":
        i = body.rfind("[led]:")
        return body if i < 0 else body[:i] + body[i + 6 :]
    if kind == "undefine":  # every definition removed: the model's block tree holds the citations as written
        return re.sub(r"(?m)^\*?\[[^\]\n]*\]:.*\n?", "", body)
    if kind == "abbr":
        return body + rng.choice(["\n*[terminal]: the northern one\n", "\n*[BLUF]: the short version\n"])
    if kind == "fence":
        return body[:at] + rng.choice(["\n```\n", "\n~~~\n", "\n\n```\n"]) + body[at:]
    if kind == "brackets":
        return body[:at] + "[" * rng.choice((30, 60)) + _words(rng, 30) * 3 + body[at:]
    if kind == "unbrackets":  # a run deleted: the budget is no longer spent
        return re.sub(r"\[{10,}", "", body, count=1)
    if kind == "newline":
        return body[:at] + rng.choice(["\n", "\n\n"]) + body[at:]
    paras = body.split("\n\n")
    i = rng.randrange(len(paras))
    cited = [k for k, p in enumerate(paras) if "[@" in p]
    if kind == "drop" and cited:  # a cited paragraph deleted, most often near the top: notes renumbered
        i = rng.choice(cited[:3]) if rng.random() < 0.6 else rng.choice(cited)
        return "\n\n".join(paras[:i] + paras[i + 1 :])
    if kind == "swap" and len(cited) > 1:  # two cited paragraphs swapped: their notes change places
        a, b = sorted(rng.sample(cited, 2))
        paras[a], paras[b] = paras[b], paras[a]
        return "\n\n".join(paras)
    return "\n\n".join(paras[:i] + [paras[i - 1] if i else paras[0]] + paras[i:])


def _same(renderer: BlockRenderer, body: str, resolver=RESOLVER, **brief_args) -> bool:
    brief = _brief(body, **brief_args)
    got = renderer.render(brief, resolver, images=_images)
    want = render_html(brief, resolver, allow_missing=True, images=_images)
    assert got.result.html == want.html
    assert [(n.number, n.key, n.text) for n in got.result.notes] == [
        (n.number, n.key, n.text) for n in want.notes
    ]
    assert got.result.warnings == want.warnings
    return got.incremental


def _images(src: str):
    return None  # every image a placeholder, as in a library that allows none


SEEDS = int(os.environ.get("BRIEFDESK_PREVIEW_SEEDS", "2"))


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_edits_render_as_a_whole_render_does(seed, monkeypatch):
    # a small bracket budget, so that the long bracket runs below spend it and the whole brief is rendered
    monkeypatch.setattr(render_mod, "INLINE_BRACKET_TOTAL", 100_000)
    rng = random.Random(seed)
    body = realistic_body(rng, defines=bool(seed % 2))
    renderer = BlockRenderer()
    incremental = reused = 0
    edits = 160
    for _ in range(edits):
        body = _edit(body, rng)
        if len(body) > 60_000:  # bracket runs pile up: start again from a fresh brief
            body = realistic_body(rng, defines=rng.random() < 0.5)
        incremental += _same(renderer, body)
        reused += renderer.reused_tree
    assert incremental > edits // 2, "the cache was hardly used: the test would not show what it caches"
    # (a brief with a definition is parsed by the renderer; one without reuses the model's block tree)
    assert reused < edits - 10, "the renderer's own parse was hardly used"
    assert seed % 2 or reused > 10, "the model's block tree was hardly reused"


def test_a_keystroke_renders_only_its_block_and_the_rest_is_reused():
    rng = random.Random(5)
    body = realistic_body(rng, sections=12)
    renderer = BlockRenderer()
    _same(renderer, body)
    at = body.index(" ", len(body) // 2)
    body = body[:at] + "q" + body[at:]
    assert _same(renderer, body)
    assert renderer.rendered_blocks == 1 + body.count("![berth map]")  # a block with an image: every time
    assert renderer.cleaned_blocks == renderer.rendered_blocks
    images = body.count("![berth map]")
    # a citation added at the top renumbers every note after it: only the numbers in the blocks after it
    # change, none is rendered or cleaned again but the one edited
    cited = body.replace("[@c1].", "[@c1] [@c29].", 1)
    assert _same(renderer, cited)
    assert renderer.rendered_blocks == renderer.cleaned_blocks == 1 + images


def test_brief_wide_state_changes_render_right():
    """A duplicate heading before others (their ids move on), a link reference defined after its use, an
    abbreviation, a new default mark and a title: each render equals the whole render."""
    body = realistic_body(random.Random(8))
    renderer = BlockRenderer()
    _same(renderer, body)
    assert _same(renderer, "## Assessment\n\n" + body)
    _same(renderer, body.replace("[led]: https://example.org/ledger", "[led]: https://example.org/moved"))
    _same(renderer, body + "\n*[convoy]: a line of lorries\n")
    _same(renderer, body, marking="S")
    _same(renderer, body, title="A new title")
    # a claim the library did not hold (its citation shown as missing), then holds: its marker a link
    assert _same(renderer, body, resolver={k: v for k, v in RESOLVER.items() if k != "c1"})
    assert _same(renderer, body)
    # a claim edited in the library (a new record, the same key): its note's text is the new one
    edited = dataclasses.replace(RESOLVER["c1"], actor_name="Ines Marlow-Okoro")
    assert _same(renderer, body, resolver=RESOLVER | {"c1": edited})
    assert _same(renderer, body)
    # a link opening with a citation, right after a paragraph that ends with one: the space before its
    # number stays ("[@c1] [@c2]" never reads as note 12), and goes once the paragraph no longer ends so
    linked = "[ [@c2]](https://example.org/x) and more.\n\n" + body
    assert _same(renderer, "Alpha [@c1]\n\n" + linked)
    assert _same(renderer, "Alpha [@c1] ends.\n\n" + linked)
    assert _same(renderer, "Alpha [@c1]\n\n" + linked)


def test_a_brief_spending_the_bracket_budget_is_rendered_whole(monkeypatch):
    monkeypatch.setattr(render_mod, "INLINE_BRACKET_TOTAL", 100_000)
    body = realistic_body(random.Random(3))
    renderer = BlockRenderer()
    assert _same(renderer, body)
    runs = "\n\n".join("[" * 60 + _words(random.Random(k), 90) for k in range(4))
    assert not _same(renderer, runs + "\n\n" + body), "the budget is spent over the whole brief"
    assert _same(renderer, body)


def test_a_model_whose_tree_was_dropped_is_parsed_again():
    """Only the newest models keep their block trees (each is thousands of objects for the collector): an
    older one is rendered from a parse of its text, as right as from its tree."""
    from app.brief_model import model as model_mod

    bodies = [realistic_body(random.Random(20 + k), defines=False) for k in range(model_mod.KEPT_TREES + 1)]
    models = [model_mod.BriefModel(body) for body in bodies]
    assert models[0].block_tree is None and all(m.block_tree is not None for m in models[1:])
    renderer = BlockRenderer()
    for body, model in zip(bodies, models, strict=True):
        brief = _brief(body)
        got = renderer.render(brief, RESOLVER, images=_images, model=model)
        assert renderer.reused_tree == (model.block_tree is not None)
        assert got.result.html == render_html(brief, RESOLVER, allow_missing=True, images=_images).html
