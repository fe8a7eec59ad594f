"""Worker processes end with the process that started them.

A worker of `newsgraph ingest` holds a loaded model (hundreds of MB); when its parent is killed
(even with SIGKILL, which runs no clean-up) nothing else would stop it. `tie_to_parent(pid)`,
called first thing in a worker, makes sure it goes too:

- on Linux the kernel sends the worker SIGKILL when its parent dies (`prctl(PR_SET_PDEATHSIG)`);
  a parent that died before the call is caught by checking `os.getppid()` right after it;
- elsewhere, or where `prctl` is not available, a daemon thread polls `os.getppid()` and ends
  the worker once its parent is gone.

Linux sends the death signal when the *thread* that started the worker ends: start worker pools
from a thread that lives as long as they do (the main thread, or a cluster's event loop).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_S = 1.0  # how often the watchdog looks at the parent


def tie_to_parent(parent: int) -> None:
    """End this process when `parent` (the pid that started it) dies; see the module doc."""
    if not (sys.platform.startswith("linux") and _set_death_signal(signal.SIGKILL)):
        _start_watchdog(parent)
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)


def _set_death_signal(sig: int) -> bool:
    """Ask the Linux kernel to send `sig` to this process when its parent dies."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError) as e:
        log.debug("prctl unavailable (%s): watching the parent instead", e)
        return False
    if not ok:
        log.debug("prctl(PR_SET_PDEATHSIG) failed (errno %d)", ctypes.get_errno())
    return ok


def _start_watchdog(parent: int, every: float = POLL_S) -> threading.Thread:
    thread = threading.Thread(
        target=_watch, args=(parent, every), name="newsgraph-parent-watchdog", daemon=True
    )
    thread.start()
    return thread


def _watch(parent: int, every: float) -> None:
    stop = threading.Event()
    while not stop.wait(every):
        if os.getppid() != parent:
            os._exit(1)


def ignore_interrupts() -> None:
    """Ignore SIGINT in this worker: Ctrl-C reaches the whole process group, and the parent
    alone handles it (it stops the pool, whose workers then end; a worker whose parent dies
    goes too), so no worker prints a traceback of its own. A no-op off the main thread (a
    Dask worker's plugin runs in its event loop)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if hasattr(signal, "pthread_sigmask"):  # started with SIGINT held: see `interrupts_held`
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT back from this thread while it starts worker processes: a worker inherits
    the held signal, so a Ctrl-C during its start-up (before `ignore_interrupts` runs) cannot
    end it with a traceback; this process gets the signal when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _tied_then(parent: int, initializer: Callable[[], None] | None) -> None:
    ignore_interrupts()
    tie_to_parent(parent)
    if initializer is not None:
        initializer()


def tied_initializer(initializer: Callable[[], None] | None = None) -> Callable[[], None]:
    """A picklable worker initializer: ignore SIGINT (`ignore_interrupts`),
    `tie_to_parent(<this process>)`, then `initializer()`."""
    return partial(_tied_then, os.getpid(), initializer)


def exec_child_hook(parent: int) -> Callable[[], None] | None:
    """A `preexec_fn` for `subprocess.Popen` that gives a command the death signal of `parent`
    (Linux), or None where there is none to give.

    The C function is found here, in the parent: the forked child of a threaded process may only
    call what takes no lock (no import, no `dlopen`, no logging), so the hook just calls `prctl`
    and checks the parent, then the command is executed."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return hook
