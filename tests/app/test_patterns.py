"""app._patterns: a pattern compiled on first use is the pattern re.compile makes, compiled once."""

import re

from app._patterns import LazyPattern


def test_lazy_pattern_matches_as_compiled_and_is_made_once() -> None:
    lazy = LazyPattern(r"\bmay\b", re.I)
    assert lazy.pattern == r"\bmay\b"  # readable before compiling (app.checks.uncited joins sources)
    first = lazy()
    assert first is lazy()
    assert first.flags == re.compile(r"\bmay\b", re.I).flags
    assert [m.span() for m in first.finditer("May rain; it may.")] == [(0, 3), (13, 16)]
