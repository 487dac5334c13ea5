"""The text Python-Markdown reads, made from a brief's body, with the map back to the body's offsets.

Python-Markdown drops some characters and expands tabs before parsing; the model does the same first (so the
text fragments in its tree can be found again) and keeps where every character came from:

* characters XML forbids (and Python-Markdown's own placeholder markers STX/ETX) are dropped;
* ``\\r\\n`` and ``\\r`` end lines as ``\\n``; tabs are expanded to the next multiple of four columns;
* nesting is bounded: past ``MAX_DEPTH`` levels, block-quote markers and indentation are made plain text
  (the renderers show them as they were written), so no reader recurses without bound;
* each citation ``[@c1; @s2]`` outside what turns out to be code becomes a token of the same length, made of
  private-use characters that mean nothing to Markdown (so ``[@c1]: x`` is not a link definition), which the
  renderers replace by their note markers.
"""

from __future__ import annotations

import bisect
import re

from app._patterns import LazyPattern

# A citation: '[' one or more '@c12'/'@s3' separated by ';' or ',' (an optional trailing one) ']', on one line.
GROUP_RE = re.compile(r"\[[ \t]*(@[cs]\d+(?:[ \t]*[;,][ \t]*@[cs]\d+)*)[ \t]*[;,]?[ \t]*\]")
KEY_RE = re.compile(r"@([cs])(\d+)")

# Token: TOKEN_OPEN, two digits (base 4096, in TOKEN_DIGIT0...), fillers, TOKEN_CLOSE; as long as the citation.
TOKEN_OPEN, TOKEN_CLOSE, TOKEN_FILL = "\ue000", "\ue001", "\ue002"
TOKEN_DIGIT0 = 0xE100
TOKEN_RE = re.compile("\ue000([\ue100-\uf0ff])([\ue100-\uf0ff])\ue002*\ue001")
# Structure made plain text past the nesting bound: shown as the character it stands for.
PLAIN_GT, PLAIN_SPACE = "\ue003", "\ue004"
PLAIN_CHARS = {PLAIN_GT: ">", PLAIN_SPACE: " "}

MAX_DEPTH = 16  # block-quote levels, and list levels (four columns of indentation each)
MAX_INDENT = 4 * MAX_DEPTH + 3

_DROP = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
_SPECIAL_RE = LazyPattern(f"[{_DROP}\r\t\ue000-\ue004]")
_DROP_RE = LazyPattern(f"[{_DROP}]")
_DEEP_RE = LazyPattern(rf"\n(?:[ ]*>){{{MAX_DEPTH + 1},}}|\n[ ]{{{MAX_INDENT + 1},}}")


_DIGITS = [chr(TOKEN_DIGIT0 + i) for i in range(4096)]

# What the brief model's own block parse reads in place of each citation: a run of one control character the
# normalisation drops from every body (so none is left in the text to be confused with it), of the same
# length. Python-Markdown treats it as it treats a token (neither is a space, a word character or Markdown),
# so the block tree is the same; the model pairs citations with blocks by offset, so the token's index is not
# needed there. Unlike the private-use token, it keeps an ASCII brief a one-byte-per-character string, which
# every string operation of the parse reads twice as fast. The renderers read ``parse_text`` (real tokens).
READ_TOKEN_CHAR = "\x0e"
# Only a link definition or an abbreviation can tell a citation's brackets from the run standing for it in the
# block parse (every other block processor reads line starts, '|', '>', '#', spaces, backticks and digits, none of
# them in a citation), and both need a ']' followed by at most two spaces and a ':'. A text without one is parsed
# as it is, brackets and all: the tree is the same, and the run's copy of the text is not made.
_DEFINES_RE = LazyPattern(r"\][ ]{0,2}:")


def may_define(text: str) -> bool:
    """Whether ``text`` holds a ']' followed by at most two spaces and a ':' (see ``READ_TOKEN_CHAR``)."""
    find = text.find
    i = find(":")
    looked = 0
    while i >= 0:
        if text[max(i - 3, 0) : i].rstrip(" ").endswith("]"):
            return True
        looked += 1
        if looked > 64:  # a text of many colons: one search (about 0.7 ms on a 2 MB brief)
            return _DEFINES_RE().search(text, i) is not None
        i = find(":", i + 1)
    return False


def token(index: int, length: int) -> str:
    """The token standing for citation ``index`` (0-based, in reading order), ``length`` characters long."""
    return TOKEN_OPEN + _DIGITS[index >> 12] + _DIGITS[index & 4095] + TOKEN_FILL * (length - 4) + TOKEN_CLOSE


def token_index(m: re.Match[str]) -> int:
    """The citation index of a ``TOKEN_RE`` match."""
    return (ord(m.group(1)) - TOKEN_DIGIT0) * 4096 + ord(m.group(2)) - TOKEN_DIGIT0


class Normalised:
    """``text``: the body as Python-Markdown reads it (see the module docstring, citations not yet tokens);
    ``to_body(offset)`` maps an offset in it back to the body."""

    __slots__ = ("_deltas", "_points", "text")

    def __init__(self, body: str) -> None:
        self._points: list[int] = []  # offsets in text from which body = text + delta
        self._deltas: list[int] = []
        if not _needs_normalising(body):
            self.text = body
        else:
            self.text = self._normalise(body)
        text = self.text
        if (" " * (MAX_INDENT + 1) in text or _more_than(text, ">", MAX_DEPTH)) and _DEEP_RE().search(
            "\n" + text
        ):
            self.text = _bound_nesting(text)  # same length: offsets unchanged

    def _normalise(self, body: str) -> str:
        out: list[str] = []
        n = 0  # length of the text written so far
        line_start = 0  # where the current line begins in it
        delta = 0
        pos = 0
        for m in _SPECIAL_RE().finditer(body):
            i = m.start()
            if i > pos:
                segment = body[pos:i]
                out.append(segment)
                nl = segment.rfind("\n")
                if nl >= 0:
                    line_start = n + nl + 1
                n += i - pos
            ch = m.group()
            if ch == "\t":
                width = 4 - (n - line_start) % 4
                out.append(" " * width)
                n += width
                delta -= width - 1
                self._mark(n, delta)
            elif ch == "\r":
                if body.startswith("\n", i + 1):  # \r\n: the \r is dropped
                    delta += 1
                    self._mark(n, delta)
                else:
                    out.append("\n")
                    n += 1
                    line_start = n
            elif ch in "\ue000\ue001\ue002\ue003\ue004":
                out.append("\ufffd")  # reserved for tokens and bounded nesting
                n += 1
            else:  # dropped
                delta += 1
                self._mark(n, delta)
            pos = m.end()
        out.append(body[pos:])
        return "".join(out)

    def _mark(self, at: int, delta: int) -> None:
        if self._points and self._points[-1] == at:
            self._deltas[-1] = delta
        else:
            self._points.append(at)
            self._deltas.append(delta)

    def to_body_end(self, offset: int) -> int:
        """The body offset just after the character before ``offset`` (for the end of a range)."""
        if not self._points or offset <= 0:
            return offset
        return self.to_body(offset - 1) + 1

    def to_body(self, offset: int) -> int:
        """The body offset of the character at ``offset``."""
        if not self._points:
            return offset
        i = bisect.bisect_right(self._points, offset) - 1
        return offset + (self._deltas[i] if i >= 0 else 0)


# Each character the normalisation changes, but surrogates: searched one by one (a few hundred microseconds on a
# 2 MB brief, where one regular expression over the whole text took several milliseconds).
_SPECIAL_CHARS = tuple(
    [chr(c) for c in range(0x20) if chr(c) != "\n"]
    + ["\ufffe", "\uffff"]
    + [chr(c) for c in range(0xE000, 0xE005)]
)


def _more_than(text: str, char: str, n: int) -> bool:
    """Whether ``text`` holds ``char`` more than ``n`` times (a few fast searches; counting them all reads the
    whole text slowly: 0.6 ms on a 2 MB brief)."""
    i = -1
    for _ in range(n + 1):
        i = text.find(char, i + 1)
        if i < 0:
            return False
    return True


def _needs_normalising(body: str) -> bool:
    if any(c in body for c in _SPECIAL_CHARS):
        return True
    if body.isascii():
        return False
    try:
        body.encode("utf-8")  # fails on a lone surrogate only
    except UnicodeEncodeError:
        return True
    return False


def _bound_nesting(text: str) -> str:
    def plain(s: str) -> str:
        if s.lstrip(" ").startswith(">"):
            depth = 0
            out = []
            for ch in s:
                if ch == ">":
                    depth += 1
                    out.append(">" if depth <= MAX_DEPTH else PLAIN_GT)
                else:
                    out.append(ch if depth <= MAX_DEPTH else PLAIN_SPACE)
            return "".join(out)
        return s[:MAX_INDENT] + PLAIN_SPACE * (len(s) - MAX_INDENT)

    return _DEEP_RE().sub(lambda m: "\n" + plain(m.group()[1:]), "\n" + text)[1:]


def drop_forbidden(text: str) -> str:
    """``text`` without the characters XML forbids: control characters other than tab and line ends, lone
    surrogates, U+FFFE/U+FFFF. A brief's body is stored without them; titles and notes are shown without them."""
    if _DROP_RE().search(text) is None:
        return text
    return _DROP_RE().sub("", text)


def count_forbidden(text: str) -> int:
    """How many characters ``drop_forbidden`` would remove from ``text``."""
    return sum(1 for _ in _DROP_RE().finditer(text))


# Directional formatting characters (embeddings, overrides, isolates): they can make text read differently
# from how it is stored. A brief's exports show each as a visible tag instead.
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_NAMES = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}


def visible_bidi(text: str) -> str:
    """``text`` with each directional formatting character shown as a tag: ``[U+202E RLO]``."""
    if BIDI_RE.search(text) is None:
        return text
    return BIDI_RE.sub(lambda m: f"[U+{ord(m.group()):04X} {_BIDI_NAMES[m.group()]}]", text)
