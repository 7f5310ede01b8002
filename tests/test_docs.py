"""Every command and option of the CLI is documented in the README (a missing one fails)."""
from __future__ import annotations

from pathlib import Path

import typer

from sitroom.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def walk(command, path: tuple[str, ...] = ()):
    # typer ships its own copy of click, so groups are recognised by what they have
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from walk(sub, path + (name,))
    else:
        yield path, command


def options(command) -> list[list[str]]:
    return [p.opts for p in command.params
            if getattr(p, "param_type_name", "") == "option" and "--help" not in p.opts]


def test_the_cli_is_walked_whole():
    found = {" ".join(path) for path, _ in walk(typer.main.get_command(app))}
    assert {"annotate", "ingest", "events", "export", "summary", "bench speed", "gazetteer build"} <= found
    assert any(options(command) for _, command in walk(typer.main.get_command(app)))


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for path, command in walk(typer.main.get_command(app)):
        usage = "sitroom " + " ".join(path)
        if usage not in README:
            missing.append(usage)
        for opts in options(command):
            if not any(opt in README for opt in opts if opt.startswith("--")):
                missing.append(f"{usage} {opts[0]}")
    assert not missing, f"undocumented in README.md: {missing}"
