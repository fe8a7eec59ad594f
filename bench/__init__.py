"""Benchmarks: one script per measured figure, results in docs/bench/ and docs/benchmarks.md."""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """The peak resident memory of this process image, in MB.

    Linux keeps `ru_maxrss` across fork and exec, so a worker spawned by a large process would
    report its parent's size; `VmHWM` is the peak of this process's own memory map.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
