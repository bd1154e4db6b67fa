"""One typed settings object: shipped defaults, then environment, then CLI overrides.

Each stage owns its options dataclass; ``Settings`` only gathers them, so a stage can be
called on its own with its own options.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .align import AlignOptions
from .claims import ClaimOptions
from .clean import CleanOptions
from .compare import CompareOptions
from .compare.derivation import DerivationOptions
from .errors import ConfigError
from .ingest import IngestOptions
from .stories import StoryOptions

ERROR_POLICIES = ("raise", "record")


@dataclass(frozen=True)
class Settings:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    claims: ClaimOptions = field(default_factory=ClaimOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    derivation: DerivationOptions = field(default_factory=DerivationOptions)
    compare: CompareOptions = field(default_factory=CompareOptions)
    db: str = "newsprism.db"
    on_error: str = "record"  # "raise": stop at the first bad input; "record": reject it, go on

    def __post_init__(self) -> None:
        if self.on_error not in ERROR_POLICIES:
            raise ConfigError(f"on_error must be one of {ERROR_POLICIES}, not {self.on_error!r}")

    @classmethod
    def load(cls, environ: Mapping[str, str], **overrides: object) -> Settings:
        """Defaults, then ``NEWSPRISM_*`` variables from ``environ``, then ``overrides``
        (None values are ignored, so CLI options left unset keep the earlier layer)."""
        settings = cls()
        if environ.get("NEWSPRISM_DB"):
            settings = replace(settings, db=environ["NEWSPRISM_DB"])
        if environ.get("NEWSPRISM_MAX_BYTES"):
            settings = settings.with_max_bytes(_positive_int(environ["NEWSPRISM_MAX_BYTES"]))
        if environ.get("NEWSPRISM_TIMEOUT"):
            settings = settings.with_ingest(timeout=_positive_float(environ["NEWSPRISM_TIMEOUT"]))
        if environ.get("NEWSPRISM_ALLOW_PRIVATE"):
            allow = _flag("NEWSPRISM_ALLOW_PRIVATE", environ["NEWSPRISM_ALLOW_PRIVATE"])
            settings = settings.with_ingest(allow_private=allow)
        given = {k: v for k, v in overrides.items() if v is not None}
        max_bytes = given.pop("max_bytes", None)
        if max_bytes is not None:
            settings = settings.with_max_bytes(_positive_int(str(max_bytes)))
        timeout = given.pop("timeout", None)
        if timeout is not None:
            settings = settings.with_ingest(timeout=_positive_float(str(timeout)))
        if given.pop("allow_private", False) is True:
            settings = settings.with_ingest(allow_private=True)
        try:
            return replace(settings, **given)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ConfigError(f"unknown setting: {exc}") from exc

    def with_max_bytes(self, value: int) -> Settings:
        return replace(self, ingest=replace(self.ingest, max_bytes=value))

    def with_ingest(self, **changes: object) -> Settings:
        return replace(self, ingest=replace(self.ingest, **changes))  # type: ignore[arg-type]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise ConfigError(f"expected a positive number, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise ConfigError(f"expected a positive number of seconds, got {text}")
    return value


def _flag(name: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1/true/yes or 0/false/no, not {text!r}")
