"""The bundled demo articles (written for newsgraph) and the `make demo` job."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def demo_dir() -> Path:
    """The folder of demo articles: plain-text dumps and HTML pages."""
    return Path(str(resources.files("newsgraph.demo").joinpath("articles")))
