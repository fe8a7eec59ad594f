"""Render the CLI reference (docs/cli.md) from the commands' own `--help`."""

from __future__ import annotations

import typer.main
from typer.testing import CliRunner

from newsgraph.cli import app

HEADER = """# Command-line reference

Generated from `newsgraph --help` by `make docs`; a test keeps it in step with the code.
"""


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*args, "--help"], env={"COLUMNS": "100"}, prog_name="newsgraph"
    )
    return result.output.rstrip()


def command_names() -> list[str]:
    """Every command, a group's subcommands included (`alert add`), in order."""
    group = typer.main.get_command(app)
    names: list[str] = []
    for name, command in sorted(getattr(group, "commands", {}).items()):
        names.append(name)
        names += [f"{name} {sub}" for sub in sorted(getattr(command, "commands", {}))]
    return names


def render() -> str:
    parts = [HEADER, "## newsgraph\n", "```text", _help([]), "```\n"]
    for name in command_names():
        parts += [f"## newsgraph {name}\n", "```text", _help(name.split()), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
