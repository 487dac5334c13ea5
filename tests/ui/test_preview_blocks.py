"""The preview updated in place (ui.preview_blocks): after any edit the document the analyst sees is the one
a fresh ``setHtml`` of the new HTML gives (its text and its formats: headings, bold and italic, links, lists,
tables, code, quotes and notes, compared through ``toHtml()``), and what cannot be updated exactly is shown
whole. Edits are seeded random ones over generated briefs and over the Markdown edge-case corpus;
BRIEFDESK_PREVIEW_SEEDS=N runs N seeds of each instead of 3."""

from __future__ import annotations

import dataclasses
import difflib
import os
import random

import pytest

from tests.adversarial import markdown_suites as ms
from ui import preview_blocks as pb
from ui.preview_view import PreviewView, _with_blocks, render_preview

pytestmark = pytest.mark.sqlite_only("the preview's document does not depend on the storage")
SEEDS = range(1, 1 + int(os.environ.get("BRIEFDESK_PREVIEW_SEEDS", "3")))
WORDS = [
    "assess",
    "likely",
    "officials",
    "drones",
    "supply",
    "border",
    "convoy",
    "report",
    "minister",
    "the",
    "of",
]


def test_split_blocks_cuts_the_html_into_its_top_level_elements():
    html = (
        '<h1>T</h1><p>a <a href="https://x.org/?q=a>b">x</a></p>\n<ul>\n<li>i<ul><li>j</li></ul></li>\n</ul>'
        "<hr><table><tr><td>1</td></tr></table>"
    )
    assert pb.split_blocks(html) == [
        "<h1>T</h1>",
        '<p>a <a href="https://x.org/?q=a>b">x</a></p>',
        "<ul>\n<li>i<ul><li>j</li></ul></li>\n</ul>",
        "<hr>",
        "<table><tr><td>1</td></tr></table>",
    ]


@pytest.mark.parametrize(
    "html", ["<p>a</p>text", "<p>a</p><sup>1</sup>", "<p>a</p><p>b", "<p>a</p></p>", "<span>x</span>"]
)
def test_split_blocks_refuses_html_with_anything_else_at_top_level(html):
    assert pb.split_blocks(html) is None


@pytest.mark.parametrize(
    "html",
    [
        '<ol class="notes"><li id="note-1"><a href="briefdesk:c1">c1</a> text</li><li id="note-2">b</li></ol>',
        "<ul>\n<li>a</li>\n<li></li>\n<li>c</li>\n</ul>",
        "<ul><li>a<br>b</li></ul>",
        "<ul><li>a<ul><li>b</li></ul></li></ul>",
        "<ol><li><p>a</p><p>b</p></li></ol>",
        "<p>text</p>",
        "<p></p>",
        "<h2>&nbsp;</h2>",
        "<table><tr><td>1</td><td></td></tr></table>",
        '<table>\n<thead>\n<tr>\n<th align="left">A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1'
        "<sup><a>2</a></sup></td>\n<td></td>\n</tr>\n</tbody>\n</table>",
        "<table><tr><td><p>a</p><p>b</p></td></tr></table>",
    ],
)
def test_a_blocks_count_is_the_one_qt_makes_of_it(qapp, html):
    shown = pb.ShownBlocks()
    assert shown.count(html, "") == pb._scratch("", "<p>A</p>" + html + "<p>Z</p>").blockCount() - 2


def _paragraph(rng: random.Random, ids: list[int]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 30))]
    for k in range(0, len(words), 7):
        style = rng.random()
        if style < 0.15:
            words[k] = f"**{words[k]}**"
        elif style < 0.3:
            words[k] = f"*{words[k]}*"
        elif style < 0.4:
            words[k] = f"[{words[k]}](https://example.org/{k})"
        elif style < 0.45:
            words[k] = f"`{words[k]}`"
    text = " ".join(words).capitalize()
    if rng.random() < 0.6:
        text += f" [@c{rng.choice(ids)}]"
    if rng.random() < 0.1:
        text += f" [@c{rng.choice(ids)}; @s{rng.randint(1, 3)}] [@c9999]"
    return text + "."


def _block(rng: random.Random, ids: list[int]) -> str:
    kind = rng.random()
    if kind < 0.45:
        return _paragraph(rng, ids)
    if kind < 0.55:
        return "#" * rng.randint(2, 4) + " " + " ".join(rng.choice(WORDS) for _ in range(3))
    if kind < 0.63:
        return "\n".join(f"- {_paragraph(rng, ids)}" for _ in range(rng.randint(1, 4)))
    if kind < 0.68:
        return f"1. one\n\n    nested para\n\n    - deep item\n2. two [@c{rng.choice(ids)}]"
    if kind < 0.75:
        return "| A | B |\n|---|:-:|\n" + "".join(
            f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} [@c{rng.choice(ids)}] |\n" for _ in range(3)
        )
    if kind < 0.8:
        return "```\ncode line\n  <b>not bold</b>\n\n```"
    if kind < 0.86:
        return "> " + _paragraph(rng, ids) + "\n>\n> - quoted item"
    if kind < 0.9:
        return "---"
    if kind < 0.94:
        return "![a map](map.png) and ![far](https://example.org/x.png)"
    return "(S) " + _paragraph(rng, ids)


def _edit(rng: random.Random, body: str, ids: list[int]) -> str:
    paras = body.split("\n\n")
    what = rng.random()
    at = rng.randint(0, len(body))
    if what < 0.35:  # a character typed
        return body[:at] + rng.choice("abc xyz\n#*-|`>[]") + body[at:]
    if what < 0.5:  # a span deleted
        return body[:at] + body[at + rng.randint(1, 40) :]
    i = rng.randrange(len(paras))
    if what < 0.62:  # a paragraph pasted
        return "\n\n".join(paras[:i] + [paras[rng.randrange(len(paras))]] + paras[i:])
    if what < 0.72 and len(paras) > 2:  # a paragraph or section deleted
        return "\n\n".join(paras[:i] + paras[i + rng.randint(1, 3) :])
    if what < 0.85:  # a new block
        return "\n\n".join(paras[:i] + [_block(rng, ids)] + paras[i:])
    return body[:at] + f" [@c{rng.choice(ids)}]" + body[at:]  # a citation


@pytest.fixture
def claim_ids(lib):
    body = " ".join(f"Statement {n} was made." for n in range(8))
    src = lib.sources.create(title="Wire report", body=body).after
    return [
        lib.claims.create(source_id=src.id, quote=f"Statement {n} was made.", actor="Minister").after.id
        for n in range(8)
    ]


def _views(qtbot, lib):
    shown, fresh = PreviewView(lib, None), PreviewView(lib, None)
    for view in (shown, fresh):
        qtbot.addWidget(view)
        view.resize(600, 500)
    shown.show()
    return shown, fresh


def _assert_same(shown: PreviewView, fresh: PreviewView, html: str, step: str) -> None:
    """The document ``shown`` shows as it is (read from the document: the view's own ``toHtml()`` would
    renumber what is still pending first) is the one ``html`` set whole gives."""
    fresh.setHtml(html)
    doc = shown.document()
    assert doc.toPlainText() == fresh.document().toPlainText(), step
    ours, theirs = doc.toHtml(), fresh.document().toHtml()
    # toHtml() leaves out each block's character format (a notes item's anchor name is in it, too)
    block, other = shown.document().begin(), fresh.document().begin()
    while block.isValid() and other.isValid():
        same = pb._formats(block, False)[1] == pb._formats(other, False)[1]  # ObjectIndex: per document
        assert same, f"{step}: block {block.blockNumber()} {block.text()!r}: its character format differs"
        block, other = block.next(), other.next()
    if ours != theirs:
        diff = "\n".join(list(difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm=""))[:20])
        pytest.fail(f"{step}: the document differs from a fresh one\n{diff}")


def _run_edits(
    qtbot, lib, bodies: list[str], steps: int, seed: int, ids: list[int], edit=None
) -> tuple[int, int]:
    shown, fresh = _views(qtbot, lib)
    brief = lib.briefs.create(title="Edited brief", body="").after
    rng = random.Random(seed)
    typing = random.Random(seed + 1)  # whether the next edit comes before the pause that renumbers the rest
    in_place = total = 0
    for start in bodies:
        body = start
        for step in range(steps):
            result = render_preview(lib, dataclasses.replace(brief, body=body), shown.images, shown.records)
            shown._show(shown._generation, *_with_blocks(result))  # cut as on the worker
            where = f"seed {seed}, step {step}, body {body[:300]!r}"
            if shown.shown.target is not None or shown.shown.later is not None:
                # a renumbering half patched, or the notes still to replace: the document shows its blocks
                _assert_same(shown, fresh, "\n".join(shown.shown.blocks or []), f"{where}, part patched")
                if typing.random() < 0.4 and step < steps - 1:
                    # the next edit before the pause: updated from the half-patched document
                    in_place += shown.updated_in_place
                    total += 1
                    body = (edit or _edit)(rng, body, ids)
                    continue
                # the rest: in idle slices (odd seeds) or at once, as for find or copy (even seeds)
                shown.finish_patching() if seed % 2 else shown.flush()
            _assert_same(shown, fresh, result.html, where)
            in_place += shown.updated_in_place
            total += 1
            body = (edit or _edit)(rng, body, ids)
    return in_place, total


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_of_generated_briefs_give_the_document_a_fresh_render_gives(qtbot, lib, claim_ids, seed):
    rng = random.Random(seed * 7919)
    bodies = ["\n\n".join(_block(rng, claim_ids) for _ in range(rng.randint(6, 25))) for _ in range(3)]
    in_place, total = _run_edits(qtbot, lib, bodies, 60, seed, claim_ids)
    assert in_place > total // 2, f"only {in_place} of {total} updates in place"


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_of_the_markdown_corpus_give_the_document_a_fresh_render_gives(
    qtbot, lib, claim_ids, seed
):
    examples = ms.examples()
    rng = random.Random(seed + 16)
    bodies = []
    for _ in range(12):  # several examples end to end make one brief, with and without citations
        chosen = [body for _name, body in rng.sample(examples, 6)]
        text = "\n\n".join(chosen)
        bodies.append(ms.with_citations(text) if rng.random() < 0.5 else text)
    in_place, total = _run_edits(qtbot, lib, bodies, 25, seed + 16, claim_ids)
    assert in_place > total // 3, f"only {in_place} of {total} updates in place"


def _cited(paragraph: str) -> bool:
    return "[@" in paragraph


def _renumbering_edit(rng: random.Random, body: str, ids: list[int]) -> str:
    """An edit that renumbers the notes after it, most of the time; now and then a plain one."""
    paras = body.split("\n\n")
    cited = [i for i, p in enumerate(paras) if _cited(p)]
    what = rng.random()
    if what < 0.25 and cited:  # a cited paragraph deleted
        i = rng.choice(cited)
        return "\n\n".join(paras[:i] + paras[i + 1 :])
    if what < 0.5:  # a claim cited near the top, often one not cited before
        fresh = [i for i in ids if f"@c{i}]" not in body and f"@c{i};" not in body] or ids
        i = rng.randrange(min(3, len(paras)))
        return "\n\n".join(paras[:i] + [paras[i] + f" [@c{rng.choice(fresh)}]"] + paras[i + 1 :])
    if what < 0.7 and len(cited) >= 2:  # two cited paragraphs swapped
        a, b = sorted(rng.sample(cited, 2))
        paras[a], paras[b] = paras[b], paras[a]
        return "\n\n".join(paras)
    if what < 0.85 and cited:  # a citation removed
        i = rng.choice(cited)
        start = paras[i].find("[@")
        end = paras[i].find("]", start)
        paras[i] = paras[i][:start] + paras[i][end + 1 :] if end > start else paras[i]
        return "\n\n".join(paras)
    return _edit(rng, body, ids)


@pytest.fixture
def many_claim_ids(lib):
    body = " ".join(f"Statement {n} was made." for n in range(40))
    src = lib.sources.create(title="Long wire report", body=body).after
    return [
        lib.claims.create(source_id=src.id, quote=f"Statement {n} was made.", actor=f"Official {n}").after.id
        for n in range(40)
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_edits_that_renumber_the_notes_give_the_document_a_fresh_render_gives(
    qtbot, lib, many_claim_ids, seed, monkeypatch
):
    """Deleting a cited paragraph, citing a claim near the top, swapping two cited paragraphs and removing a
    citation renumber the notes after them; the preview shows the fresh render's numbers and notes list after
    every step of the patching (small steps in odd seeds, so that a renumbering takes several)."""
    if seed % 2:
        monkeypatch.setattr(pb, "STEP_CHARS", 600)
    rng = random.Random(seed * 104729)
    bodies = ["\n\n".join(_block(rng, many_claim_ids) for _ in range(rng.randint(8, 30))) for _ in range(3)]
    shown_before = pb.ShownBlocks.step
    steps: list[bool] = []

    def counted(self, *args, **kwargs):
        steps.append(True)
        return shown_before(self, *args, **kwargs)

    monkeypatch.setattr(pb.ShownBlocks, "step", counted)
    in_place, total = _run_edits(qtbot, lib, bodies, 40, seed, many_claim_ids, _renumbering_edit)
    assert in_place > total // 2, f"only {in_place} of {total} updates in place"
    assert steps, "no edit renumbered the notes in place"
