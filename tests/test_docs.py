"""Docs that tests check: every CLI command and option is in docs/cli.md, the README shows
the two commands, and the exit codes in the CLI module match the documented table."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from newsprism.interfaces import cli

ROOT = Path(__file__).resolve().parent.parent


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_docs_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = _subparsers(cli.build_parser())
    assert commands
    for name, sub in commands.items():
        assert f"`newsprism {name}" in doc, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert f"`{flag}" in doc, f"{name} {flag}"


def test_docs_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:600]
    assert "make demo" in head and "make test" in head


def test_docs_exit_codes_match_the_cli() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = {int(c) for c in re.findall(r"^\| (\d+) \|", doc, flags=re.M)}
    from newsprism.errors import ConfigError, ModelError, NewsprismError, StageError, StorageError

    used = {cli.EXIT_OK, cli.EXIT_PARTIAL, cli.EXIT_USAGE, cli.EXIT_NOTHING}
    used |= {cli.EXIT_INTERNAL, cli.EXIT_INTERRUPTED, cli.EXIT_PIPE}
    errors = (ConfigError, ModelError, NewsprismError, StorageError, StageError)
    used |= {e.exit_code for e in errors}
    assert used <= documented
