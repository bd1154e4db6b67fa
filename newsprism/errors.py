"""The exception tree of newsprism.

::

    NewsprismError                 base: everything we raise on purpose
    ├── InputError                 one input cannot be used (empty, binary, too large, no article)
    │   └── DecodeError            bytes that are not text in any encoding we accept
    ├── ConfigError                a setting or option has a value we cannot use
    ├── StageOrderError            a pipeline is assembled with a stage before what it needs
    ├── ModelError                 a packaged model is missing or fails to load
    ├── StorageError               the store cannot be opened, migrated or written
    └── StageError                 a stage failed on one input with an exception we did not
                                   expect (a bug here or in a library): its type and message

Each error carries a one-line message that says what is wrong and, where there is one,
what to do. The CLI prints ``str(error)`` and nothing else.

An exception from a library (or a bug of ours) inside a stage never stops a batch: the
stage wraps it with :meth:`StageError.wrap`, which keeps the exception's type and message
and names the stage, and the batch records it as that input's ``Rejection``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


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


class StageError(NewsprismError):
    """A stage failed on one input with an exception newsprism does not expect."""

    exit_code = 6  # the CLI's "internal error": a bug to report

    def __init__(self, message: str, *, source: str | None = None, stage: str = "") -> None:
        super().__init__(message, source=source)
        self.stage = stage

    @classmethod
    def wrap(cls, stage: str, exc: BaseException, *, source: str | None = None) -> StageError:
        """``exc`` (raised inside ``stage`` on ``source``) as a StageError whose message
        names the stage and keeps the exception's type and first line."""
        error = cls(f"{stage} failed: {describe(exc)}", source=source, stage=stage)
        error.__cause__ = exc
        return error

    @property
    def reason(self) -> str:
        """The message without the source, for a ``Rejection``."""
        return str(self.args[0]) if self.args else type(self).__name__


def describe(exc: BaseException) -> str:
    """``"Type: first line of the message"`` (just the type when the message is empty)."""
    lines = str(exc).strip().splitlines()
    text = lines[0].strip() if lines else ""
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextmanager
def guard(stage: str, source: str | None = None) -> Iterator[None]:
    """Run a block of ``stage`` on one input (``source``): our own errors pass through as
    they are; any other exception becomes a :class:`StageError` with its type and message,
    so that a batch can reject that one input and go on."""
    try:
        yield
    except NewsprismError:
        raise
    except Exception as exc:  # noqa: BLE001 - not swallowed: wrapped with type and message
        raise StageError.wrap(stage, exc, source=source) from exc
