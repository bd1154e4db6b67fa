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
        given = {k: v for k, v in overrides.items() if v is not None}
        max_bytes = given.pop("max_bytes", None)
        if max_bytes is not None:
            settings = settings.with_max_bytes(_positive_int(str(max_bytes)))
        try:
            return replace(settings, **given)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ConfigError(f"unknown setting: {exc}") from exc

    def with_max_bytes(self, value: int) -> Settings:
        return replace(self, ingest=replace(self.ingest, max_bytes=value))


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise ConfigError(f"expected a positive number, got {value}")
    return value
