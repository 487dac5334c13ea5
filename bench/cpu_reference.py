"""The CPU reference every benchmark prints beside its figures: how long summing three million integers takes
now (~40 ms on this project's idle 2-core machine). A shared machine's load shows in it, so a figure can be
read against the state the machine was in when it was taken."""

from __future__ import annotations

import time


def cpu_reference_ms(*, cpu: bool = False) -> float:
    """Milliseconds to sum range(3e6): wall time, or CPU time of this process with ``cpu``."""
    clock = time.process_time if cpu else time.perf_counter
    started = clock()
    sum(range(3_000_000))
    return (clock() - started) * 1000


def cpu_reference_line(*, cpu: bool = False) -> str:
    """The line a benchmark ends with."""
    return f"CPU reference: sum(range(3e6)) took {cpu_reference_ms(cpu=cpu):.0f} ms{' CPU' if cpu else ''}"
