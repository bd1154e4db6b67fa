"""The exception tree of newsprism.

::

    NewsprismError                 base: everything we raise on purpose
    ├── InputError                 one input cannot be used (empty, binary, too large, no article)
    │   └── DecodeError            bytes that are not text in any encoding we accept
    ├── ConfigError                a setting or option has a value we cannot use
    ├── StageOrderError            a pipeline is assembled with a stage before what it needs
    ├── ModelError                 a packaged model is missing or fails to load
    └── StorageError               the store cannot be opened, migrated or written

Each error carries a one-line message that says what is wrong and, where there is one,
what to do. The CLI prints ``str(error)`` and nothing else.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base class of every error newsprism raises on purpose."""

    exit_code = 5  # the CLI's "nothing could be analysed"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{self.source}: {msg}" if self.source else msg


class InputError(NewsprismError):
    """One input cannot be analysed; the rest of a batch goes on."""


class DecodeError(InputError):
    """The bytes of an input are not text we can decode."""


class ConfigError(NewsprismError):
    exit_code = 2


class StageOrderError(NewsprismError):
    exit_code = 2


class ModelError(NewsprismError):
    """A packaged model is missing or broken: reinstall with `make install`."""

    exit_code = 3


class StorageError(NewsprismError):
    exit_code = 4
