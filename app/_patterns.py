"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern costs 0.05-0.3 ms (a long alternation or a wide character class the most). A module that
compiles its patterns at its top makes every process importing it pay for all of them: a cold ``briefdesk
export`` imported ~70 of Briefdesk's patterns and used ~20 (the checks' estimative language, for one, is read
only by rules an export does not run). ``LazyPattern("...", re.I)()`` is the compiled pattern, made once.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A pattern's source and flags, compiled by the first call (``HEDGE_RE().finditer(...)``)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # the source, as re.Pattern.pattern (readable without compiling)
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:  # two threads may both compile it: the same pattern either way
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled
