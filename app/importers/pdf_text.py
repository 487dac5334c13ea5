"""A PDF's text layer as paragraphs a reader would recognise.

pypdf gives each printed line on its own line: a sentence wrapped over three lines stays cut in three, words
hyphenated at a line's end stay cut ("negoti- ations"), every page repeats its running header and page number,
and nothing marks where a paragraph ends. Drafting then reads line starts as paragraph starts, a quote copied
from the PDF viewer does not match, and "Page 3 of 12" sits in the middle of a sentence. This module rebuilds
paragraphs from the lines with the cues a reader uses:

- a line that ends with a space (pypdf keeps the space at a soft wrap) or is as long as the page's full lines
  and does not end a sentence continues on the next line;
- a line ending in a hyphen after a letter, followed by a lower-case word, is a word cut in two;
- a short line ending a sentence, a blank line, a bullet or a numbered item starts a new paragraph;
- a line repeated in the first or last two lines of most pages (digits aside), or a bare page number as a
  page's first or last line, is a running header or footer and is left out.
"""

from __future__ import annotations

import re
from collections import Counter

_BULLET = re.compile(r"^\s*(?:[•▪◦‣●○■□–—*-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_ENDS_SENTENCE = re.compile(r"""[.!?:;]["'”’)\]]*\d{0,3}$""")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I)
_CUT_WORD = re.compile(r"[^\W\d_]-$")


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _furniture(pages: list[list[str]]) -> set[str]:
    """Shapes of the lines repeated at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = [ln for ln in lines if ln.strip()]
        seen.update({_shape(ln) for ln in edge[:2] + edge[-2:]})
    return {shape for shape, n in seen.items() if n >= max(3, 0.6 * len(pages)) and shape}


def _typical_length(lines: list[str]) -> int:
    """The length of a full line on this page: a high percentile of the lines' lengths."""
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.strip()) > 20)
    if not lengths:
        return 60
    return max(40, lengths[int(0.9 * (len(lengths) - 1))])


def _paragraphs(lines: list[str]) -> tuple[list[str], bool]:
    """The page's paragraphs, and whether its last line wraps on to the next page."""
    full = _typical_length(lines)
    paras: list[str] = []
    current = ""
    prev_raw = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paras.append(current)
            current, prev_raw = "", ""
            continue
        if not current:
            current, prev_raw = line, raw
            continue
        prev = current.rstrip()
        soft_wrap = prev_raw.endswith((" ", "\t"))
        long_line = len(prev_raw.rstrip()) >= 0.85 * full
        if _BULLET.match(line):
            joined = False
        elif not soft_wrap and _CUT_WORD.search(prev) and line[:1].islower():
            current = prev[:-1] + line  # a word cut at the line's end
            prev_raw = raw
            continue
        elif soft_wrap:
            joined = True
        elif _ENDS_SENTENCE.search(prev):
            joined = long_line and line[:1].islower()
        else:
            joined = long_line or line[:1].islower()
        if joined:
            current = prev + " " + line
        else:
            paras.append(current)
            current = line
        prev_raw = raw
    if current:
        paras.append(current)
    open_end = bool(current) and (
        prev_raw.endswith((" ", "\t"))
        or (len(prev_raw.rstrip()) >= 0.85 * full and not _ENDS_SENTENCE.search(current))
    )
    return paras, open_end


def pdf_paragraphs(page_texts: list[str]) -> list[str]:
    """The paragraphs of a PDF from its pages' extracted text, running headers and footers left out. A
    paragraph cut by a page break (the page's last line wraps, or it ends mid-sentence and the next page starts
    in lower case) is joined."""
    pages = [text.replace("\r\n", "\n").replace("\r", "\n").split("\n") for text in page_texts]
    furniture = _furniture(pages)
    out: list[str] = []
    wraps = False  # the last page ended in the middle of a paragraph
    for lines in pages:
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(nonblank[:2] + nonblank[-2:])
        ends = set(nonblank[:1] + nonblank[-1:])  # where a bare page number stands
        kept = [
            ln
            for i, ln in enumerate(lines)
            if not (
                (i in edges and _shape(ln) in furniture) or (i in ends and _PAGE_NUMBER.match(ln.strip()))
            )
        ]
        paras, next_wraps = _paragraphs(kept)
        if (
            out
            and paras
            and not _BULLET.match(paras[0])
            and (wraps or (paras[0][:1].islower() and not _ENDS_SENTENCE.search(out[-1])))
        ):
            last = out.pop()
            first = paras.pop(0)
            out.append(last[:-1] + first if _CUT_WORD.search(last) else last + " " + first)
        out.extend(paras)
        wraps = next_wraps if paras else wraps
    return out
