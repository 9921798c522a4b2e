"""Every error and warning dyad raises, with a stable code.

    DyadError                 [E0xx] base
    ├── InputError            [E1xx] an input could not be read, decoded or parsed
    │   └── FetchError        [E15x] a URL could not be fetched
    ├── StoreError            [E2xx] the DuckDB store cannot be opened or written
    ├── KnowledgeError        [E3xx] a data file (KB, lexicon, gazetteer) is malformed
    ├── EvalError             [E4xx] a gold file is missing or malformed
    └── UsageError            [E5xx] the user asked for something that does not exist

Messages read ``[E104] cannot decode 'feed.xml': ...``: the code, what failed, on which input, why.
The CLI prints that one line and exits non-zero; the API returns ``{"ok": false, "error": ...}``.
"""

from __future__ import annotations


class DyadError(Exception):
    code = "E000"

    def __init__(self, message: str, *, input: str | None = None, code: str | None = None) -> None:
        self.code = code or self.code
        self.input = input
        self.reason = message
        where = f" '{input}'" if input else ""
        super().__init__(f"[{self.code}]{where}: {message}" if where else f"[{self.code}] {message}")


class InputError(DyadError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class DecodeError(InputError):
    code = "E102"


class ParseError(InputError):
    code = "E103"


class UnsupportedInput(InputError):
    code = "E104"


class TooLarge(InputError):
    code = "E105"


class BadDate(InputError):
    code = "E106"


class FetchError(InputError):
    code = "E150"


class StoreError(DyadError):
    code = "E200"


class KnowledgeError(DyadError):
    code = "E300"


class EvalError(DyadError):
    code = "E400"


class UsageError(DyadError):
    code = "E500"
