"""A Click group whose subcommands are imported only when they are used, so `stj --help` and a
quick command do not load WeasyPrint, openpyxl, python-telegram-bot or Starlette first (every
command module imported eagerly made `stj --help` take a second)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from gettext import gettext as _
from typing import Any

import click

# Per subcommand: "module:attribute" of its Click command, and the first paragraph of its help
# (what a group's --help lists; tests/test_cli_opdrachten.py checks both against the command).
Verwijzing = tuple[str, str]


class LuiTabel(MutableMapping[str, click.Command]):
    """A group's commands: those added, and those named in a table, imported when looked up.
    Names and membership need no import; walking the items imports them all, so the whole
    table stays discoverable as Click's own dict of commands is."""

    def __init__(self, lui: Mapping[str, Verwijzing]) -> None:
        self.lui = dict(lui)
        self.geladen: dict[str, click.Command] = {}

    def __getitem__(self, naam: str) -> click.Command:
        if naam not in self.geladen and naam in self.lui:
            module, attribuut = self.lui[naam][0].split(":")
            opdracht = getattr(importlib.import_module(module), attribuut)
            if not isinstance(opdracht, click.Command):
                raise TypeError(f"{self.lui[naam][0]} is geen Click-opdracht")
            self.geladen[naam] = opdracht
        return self.geladen[naam]

    def __setitem__(self, naam: str, opdracht: click.Command) -> None:
        self.geladen[naam] = opdracht

    def __delitem__(self, naam: str) -> None:
        self.geladen.pop(naam, None)
        self.lui.pop(naam, None)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self.geladen, *self.lui}))

    def __len__(self) -> int:
        return len({*self.geladen, *self.lui})

    def __contains__(self, naam: object) -> bool:
        return naam in self.geladen or naam in self.lui


class LuiGroep(click.Group):
    """A group with subcommands elsewhere: listed from a table, imported when one is run or
    its own help is asked for."""

    def __init__(self, *args: Any, lui: Mapping[str, Verwijzing] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.commands = LuiTabel(lui or {})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of subcommands as Click writes it, those not imported from the table."""
        commands = [(n, c) for n in self.list_commands(ctx) if (c := self._voor_hulp(n))]
        commands = [(n, c) for n, c in commands if not c.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(n) for n, _c in commands)
            rows = [(n, c.get_short_help_str(limit)) for n, c in commands]
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def _voor_hulp(self, naam: str) -> click.Command | None:
        """The command if it was imported, else a stand-in with its first help paragraph."""
        tabel = self.commands
        assert isinstance(tabel, LuiTabel)
        if naam in tabel.geladen:
            return tabel.geladen[naam]
        if naam in tabel.lui:
            return click.Command(naam, help=tabel.lui[naam][1])
        return None
