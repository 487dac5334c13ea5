"""The cyclic garbage collector paused around work that makes a great many short-lived objects.

A brief read or rendered, the checks run over it, a search reading thousands of candidate rows: each makes
tens or hundreds of thousands of small objects, and the collections they trigger walk every object of the
process again and again (the ORM's included). A brief of 200,000 citations is read in 0.5 s with it paused,
2.3 s without; on the 1M-claim team library a full collection inside one search cost 23-51 ms
(bench/RESULTS.md). None of that work makes reference cycles; collection resumes after, as it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is left as the caller had it (also after an
    error), so blocks nest."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
