"""What the atheris harnesses share: which exceptions are expected, and the run loop."""

from __future__ import annotations

import sys
from collections.abc import Callable

import atheris


def run(test_one_input: Callable[[bytes], None]) -> None:
    """Hand `test_one_input` to libFuzzer with the command-line options (see README.md)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
