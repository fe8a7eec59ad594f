"""Hypothesis profiles for the property tests in this folder.

- ``fast`` (default): a few dozen examples a test, so ``make test`` stays quick;
- ``fuzz``: many more examples, for ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``).

No deadline in either: the machine running them may be loaded, and a slow example is not a
failure here (time bounds are asserted in tests/test_hostile_input.py instead).

The tests here apply the profile themselves (`_seeds.profile()`), so the other hypothesis
tests in the suite keep their own settings; only an explicit HYPOTHESIS_PROFILE=fuzz loads it
for the whole session (a long run of every property test).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}

settings.register_profile("fast", max_examples=60, **_COMMON)
settings.register_profile("fuzz", max_examples=2000, **_COMMON)
if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
    settings.load_profile("fuzz")
