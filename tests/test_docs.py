"""Every command and option of the CLI is documented in the README (a missing one fails)."""
from __future__ import annotations

from pathlib import Path

import click
import typer

from sitroom.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def walk(command: click.Command, path: tuple[str, ...] = ()):
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, path + (name,))
    else:
        yield path, command


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for path, command in walk(typer.main.get_command(app)):
        usage = "sitroom " + " ".join(path)
        if usage not in README:
            missing.append(usage)
        for param in command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                if not any(opt in README for opt in param.opts if opt.startswith("--")):
                    missing.append(f"{usage} {param.opts[0]}")
    assert not missing, f"undocumented in README.md: {missing}"
