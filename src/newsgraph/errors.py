"""One exception tree with short codes. Each error carries the input it concerns.

NewsgraphError
├── InputError      (E1xx) a file, URL or stream could not be read as news
├── StageFailure    (E2xx) an analysis stage failed on an article
└── StoreError      (E3xx) the corpus store refused an operation
    └── StoreWriteError (E310) the store could not be written: disk full, size limit, I/O
"""

from __future__ import annotations


class _Documented(type):
    """`help()` on an error lists what the project adds (code, message, origin, one_line), not
    the dozens of members every exception inherits from BaseException."""

    def __dir__(cls) -> list[str]:
        own = {
            name for klass in cls.__mro__ if klass.__module__ == __name__ for name in vars(klass)
        }
        return sorted(n for n in own if n == "__init__" or not n.startswith("_"))


class NewsgraphError(Exception, metaclass=_Documented):
    """The base of every error newsgraph raises: `code` (E…), `message`, `origin` (the input)."""

    code = "E000"

    def __init__(self, message: str, *, origin: str | None = None, code: str | None = None):
        self.message = message
        self.origin = origin
        if code is not None:
            self.code = code
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(NewsgraphError):
    """Bad input: binary, undecodable, empty, too large, truncated, malformed, unreachable."""

    code = "E100"


# Input error codes, one per problem a user can fix.
E_EMPTY = "E101"  # empty file or no text after cleaning
E_BINARY = "E102"  # binary data where text was expected
E_ENCODING = "E103"  # text whose encoding cannot be determined
E_TOO_LARGE = "E104"  # over the size cap
E_TRUNCATED = "E105"  # truncated or corrupt compressed data
E_MALFORMED = "E106"  # malformed container (WARC, JSON line, feed)
E_UNSUPPORTED = "E107"  # unknown format
E_FETCH = "E108"  # URL could not be fetched (status, timeout, robots.txt)
E_NOT_FOUND = "E109"  # path does not exist


class StageFailure(NewsgraphError):
    code = "E200"


class StoreError(NewsgraphError):
    code = "E300"


class StoreWriteError(StoreError):
    """The disk filled up (or refused a write) while storing; what was committed is kept."""

    code = "E310"
