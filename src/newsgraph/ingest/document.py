"""What a reader yields: one raw document, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

DocKind = Literal["text", "html"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    content: str
    kind: DocKind
    origin: str  # file path (with #record for containers), URL or "<stdin>"
    url: str | None = None
    published: datetime | None = None
    title: str | None = None
